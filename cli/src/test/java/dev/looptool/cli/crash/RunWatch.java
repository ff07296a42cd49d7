package dev.looptool.cli.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.cli.RunControl;
import dev.looptool.core.store.Sha256;
import dev.looptool.workflows.spec.RunSpec;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** What a crash test watches while it kills workers: the run's artifacts and its event history. */
final class RunWatch {
  private final WorkflowClient client;
  private final String workflowId;

  RunWatch(WorkflowClient client, String workflowId) {
    this.client = client;
    this.workflowId = workflowId;
  }

  /** The id of the newest run of the chain: it changes at each continue-as-new. */
  String currentRunId() {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build())
        .getWorkflowExecutionInfo()
        .getExecution()
        .getRunId();
  }

  /** How many activities of this type (e.g. "Train") have completed in the current run. */
  int completed(String activityType) {
    List<HistoryEvent> events = client.fetchHistory(workflowId).getEvents();
    Map<Long, String> typeByScheduledId = new HashMap<>();
    int n = 0;
    for (HistoryEvent e : events) {
      if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        typeByScheduledId.put(
            e.getEventId(),
            e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
          && activityType.equals(
              typeByScheduledId.get(
                  e.getActivityTaskCompletedEventAttributes().getScheduledEventId()))) {
        n++;
      }
    }
    return n;
  }

  static boolean exists(Path dir, String nameContains) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().contains(nameContains));
    } catch (IOException e) {
      return false;
    }
  }

  static void waitFor(BooleanSupplier condition, String what, Duration limit)
      throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Every file under {@code actual} is byte-identical to the same file under {@code expected}, and
   * the same files exist: a finished two-iteration run (iteration 2 evaluated and checkpointed).
   */
  static void assertSameArtifacts(Path expected, Path actual) throws IOException {
    Map<String, String> want = hashes(expected);
    Map<String, String> got = hashes(actual);
    assertTrue(want.containsKey("iter-02/eval.json"), want.keySet().toString());
    assertTrue(
        want.keySet().stream().anyMatch(k -> k.startsWith("iter-02/checkpoint/step-")),
        want.keySet().toString());
    assertEquals(want.keySet(), got.keySet(), "the same artifacts exist");
    List<String> differing =
        want.keySet().stream().filter(k -> !want.get(k).equals(got.get(k))).toList();
    assertEquals(List.of(), differing, "artifacts that differ after the kills");
  }

  private static Map<String, String> hashes(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        out.put(root.relativize(p).toString(), Sha256.ofFile(p));
      }
    }
    return out;
  }

  /**
   * Starts a LoopTool run with the given spec under {@code workflowId}, as `looptool start` does.
   */
  static void startRun(WorkflowClient client, String workflowId, RunSpec spec) {
    RunControl.start(client, spec, workflowId);
  }
}

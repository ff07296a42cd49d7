package dev.looptool.workflows.loop;

import dev.looptool.workflows.TaskQueues;
import dev.looptool.workflows.spec.Ablations;
import dev.looptool.workflows.spec.ExecutionSpec;
import dev.looptool.workflows.spec.RunSpec;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowHistoryLoader;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Captured histories of a LoopTool run: two iterations against {@link RecordingActivities}, one
 * workflow run per iteration (continue-as-new), kept as JSON under {@code
 * src/test/resources/histories/}. Replaying them against today's workflow code proves a change to
 * the code can still carry on runs that started before it.
 *
 * <p>Regenerate them only for a deliberate, versioned change of the workflow (never to make a
 * failing replay pass), after moving the current files to {@link #KEPT}: {@code mvn -o -q -pl
 * workflows -am test -Dtest=LoopToolHistoryCaptureTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlooptool.captureHistories=true}. CONTRIBUTING.md ("Changing workflow code") has the rules.
 */
final class LoopToolHistories {
  static final String WORKFLOW_ID = "captured-2-iterations";

  /** The resource of run {@code n} (1-based) of the chain. */
  static final List<String> RESOURCES =
      List.of(
          "histories/looptool-2-iterations-run-1.json",
          "histories/looptool-2-iterations-run-2.json");

  /**
   * Histories captured before a change guarded by {@code Workflow.getVersion}, kept so that its old
   * branch stays replayed: one resource per run, e.g. {@code
   * histories/kept/<change-id>/looptool-2-iterations-run-1.json}. Empty: the composed-records
   * redesign changed the payload shapes, so nothing captured before it can replay.
   */
  static final List<String> KEPT = List.of();

  /** Every history the replay tests replay: today's capture and the kept ones. */
  static final List<String> ALL =
      java.util.stream.Stream.concat(RESOURCES.stream(), KEPT.stream()).toList();

  private LoopToolHistories() {}

  /** The spec of the captured run: two iterations of two shards each (D_1 has 400 samples). */
  static RunSpec spec() {
    return spec("captured", 2, null, 200, 2);
  }

  /**
   * A spec with the sub-specs' defaults but for the ablations and the probe shards: {@code
   * shardSize} samples each, {@code inFlight} at a time.
   */
  static RunSpec spec(
      String name, int iterations, Ablations ablations, int shardSize, int inFlight) {
    return new RunSpec(
        name,
        iterations,
        null,
        null,
        null,
        null,
        null,
        ablations,
        new ExecutionSpec(shardSize, inFlight, null, null, null, null));
  }

  /**
   * Registers the search attributes, the workflows (the loop and the experiment) and {@code acts}
   * on every activity queue of {@code env}, and starts it.
   */
  static void start(TestWorkflowEnvironment env, RecordingActivities acts) {
    LoopSearchAttributes.ALL.forEach(env::registerSearchAttribute);
    Worker wf = env.newWorker(TaskQueues.WORKFLOW);
    wf.registerWorkflowImplementationTypes(
        LoopToolWorkflowImpl.class, dev.looptool.workflows.experiment.ExperimentWorkflowImpl.class);
    env.newWorker(TaskQueues.GPU).registerActivitiesImplementations(acts);
    env.newWorker(TaskQueues.LLM).registerActivitiesImplementations(acts);
    env.newWorker(TaskQueues.CPU).registerActivitiesImplementations(acts);
    env.start();
  }

  /**
   * Runs the loop to completion in a fresh test environment and returns each run's history, in
   * chain order.
   */
  static List<WorkflowExecutionHistory> capture() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      RecordingActivities acts = new RecordingActivities();
      start(env, acts);
      WorkflowClient client = env.getWorkflowClient();
      LoopToolWorkflow stub =
          client.newWorkflowStub(
              LoopToolWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(WORKFLOW_ID)
                  .setTaskQueue(TaskQueues.WORKFLOW)
                  .build());
      WorkflowExecution first = WorkflowClient.start(stub::run, spec(), null);
      client.newUntypedWorkflowStub(WORKFLOW_ID).getResult(LoopResult.class);
      List<WorkflowExecutionHistory> runs = new ArrayList<>();
      String runId = first.getRunId();
      while (runId != null) {
        WorkflowExecutionHistory h = client.fetchHistory(WORKFLOW_ID, runId);
        runs.add(h);
        HistoryEvent last = h.getLastEvent();
        runId =
            last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
                : null;
      }
      return runs;
    }
  }

  static WorkflowExecutionHistory load(String resource) throws IOException {
    return WorkflowHistoryLoader.readHistoryFromResource(resource);
  }

  /** Writes the captured runs as pretty JSON, one file per run, into {@code dir}. */
  static void write(List<WorkflowExecutionHistory> runs, Path dir) throws IOException {
    if (runs.size() != RESOURCES.size()) {
      throw new IllegalStateException(
          "expected " + RESOURCES.size() + " runs in the chain, captured " + runs.size());
    }
    Files.createDirectories(dir);
    for (int i = 0; i < runs.size(); i++) {
      Path file = dir.resolve(Path.of(RESOURCES.get(i)).getFileName());
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.writeString(tmp, runs.get(i).toJson(true), StandardCharsets.UTF_8);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
  }
}

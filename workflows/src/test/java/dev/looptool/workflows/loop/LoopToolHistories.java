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
   * The {@code LoopToolStage} children of the captured run, one per sharded stage and iteration,
   * named for their workflow ids ({@code captured-2-iterations-i01-probe}).
   */
  static final List<String> STAGE_RESOURCES =
      java.util.stream.IntStream.rangeClosed(1, 2)
          .boxed()
          .flatMap(
              j ->
                  java.util.stream.Stream.of("probe", "judge", "expand")
                      .map(s -> stageResource(ShardedStageWorkflow.workflowId(WORKFLOW_ID, j, s))))
          .toList();

  /**
   * Histories captured before a change guarded by {@code Workflow.getVersion}, kept so that its old
   * branch stays replayed: one resource per run, {@code
   * histories/kept/<change-id>/looptool-2-iterations-run-1.json}. (The composed-records redesign
   * changed the payload shapes, so nothing captured before it can replay.)
   */
  static final List<String> KEPT =
      List.of(
          // before probe, judge and expand moved into LoopToolStage children: shards inline
          "histories/kept/stage-children/looptool-2-iterations-run-1.json",
          "histories/kept/stage-children/looptool-2-iterations-run-2.json");

  /** Every history the replay tests replay: today's capture and the kept ones. */
  static final List<String> ALL =
      java.util.stream.Stream.concat(RESOURCES.stream(), KEPT.stream()).toList();

  private LoopToolHistories() {}

  /** The resource of the captured stage child with workflow id {@code childId}. */
  static String stageResource(String childId) {
    return "histories/looptool-2-iterations-"
        + childId.substring(WORKFLOW_ID.length() + 1)
        + ".json";
  }

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
        LoopToolWorkflowImpl.class,
        ShardedStageWorkflowImpl.class,
        dev.looptool.workflows.experiment.ExperimentWorkflowImpl.class);
    env.newWorker(TaskQueues.GPU).registerActivitiesImplementations(acts);
    env.newWorker(TaskQueues.LLM).registerActivitiesImplementations(acts);
    env.newWorker(TaskQueues.CPU).registerActivitiesImplementations(acts);
    env.start();
  }

  /** The loop's runs in chain order and its stage children in the order they started. */
  record Captured(List<WorkflowExecutionHistory> runs, List<WorkflowExecutionHistory> stages) {}

  /**
   * Runs the loop to completion in a fresh test environment and returns each run's history, in
   * chain order.
   */
  static List<WorkflowExecutionHistory> capture() {
    return captureAll().runs();
  }

  /** Like {@link #capture()}, with the histories of the stage children too. */
  static Captured captureAll() {
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
      List<WorkflowExecutionHistory> runs = chain(client, WORKFLOW_ID, first.getRunId());
      List<WorkflowExecutionHistory> stages = new ArrayList<>();
      for (WorkflowExecutionHistory run : runs) {
        for (HistoryEvent e : run.getEvents()) {
          if (e.hasChildWorkflowExecutionStartedEventAttributes()) {
            WorkflowExecution child =
                e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
            stages.add(client.fetchHistory(child.getWorkflowId(), child.getRunId()));
          }
        }
      }
      return new Captured(runs, stages);
    }
  }

  /**
   * The histories of the runs of workflow {@code workflowId}'s continue-as-new chain from run
   * {@code runId} on, in chain order.
   */
  static List<WorkflowExecutionHistory> chain(
      WorkflowClient client, String workflowId, String runId) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    while (runId != null) {
      WorkflowExecutionHistory h = client.fetchHistory(workflowId, runId);
      runs.add(h);
      HistoryEvent last = h.getLastEvent();
      runId =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return runs;
  }

  /**
   * The captured history {@code resource}, under the workflow id it ran with: the loop derives its
   * stage children's ids from its own, and a replay under the replayer's default id ({@code
   * workflow_id_in_replay}) would start children of other ids than the history recorded.
   */
  static WorkflowExecutionHistory load(String resource) throws IOException {
    String name = Path.of(resource).getFileName().toString();
    String prefix = "looptool-2-iterations-";
    String suffix = name.substring(prefix.length(), name.length() - ".json".length());
    String id = suffix.startsWith("run-") ? WORKFLOW_ID : WORKFLOW_ID + "-" + suffix;
    return new WorkflowExecutionHistory(
        WorkflowHistoryLoader.readHistoryFromResource(resource).getHistory(), id);
  }

  /**
   * Writes the captured runs and stage children as pretty JSON, one file per workflow run, into
   * {@code dir}.
   */
  static void write(Captured captured, Path dir) throws IOException {
    List<WorkflowExecutionHistory> runs = captured.runs();
    if (runs.size() != RESOURCES.size()) {
      throw new IllegalStateException(
          "expected " + RESOURCES.size() + " runs in the chain, captured " + runs.size());
    }
    Files.createDirectories(dir);
    for (int i = 0; i < runs.size(); i++) {
      write(runs.get(i), dir.resolve(Path.of(RESOURCES.get(i)).getFileName()));
    }
    List<String> expected = new ArrayList<>();
    for (WorkflowExecutionHistory stage : captured.stages()) {
      String resource = stageResource(stage.getWorkflowExecution().getWorkflowId());
      expected.add(resource);
      write(stage, dir.resolve(Path.of(resource).getFileName()));
    }
    if (!expected.equals(STAGE_RESOURCES)) {
      throw new IllegalStateException(
          "expected stage children " + STAGE_RESOURCES + ", captured " + expected);
    }
  }

  private static void write(WorkflowExecutionHistory history, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, history.toJson(true), StandardCharsets.UTF_8);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}

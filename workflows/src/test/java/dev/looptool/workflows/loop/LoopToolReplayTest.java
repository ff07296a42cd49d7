package dev.looptool.workflows.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.workflows.TaskQueues;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.stages.CpuActivities;
import dev.looptool.workflows.stages.ReportRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Replays the captured histories of a two-iteration run (one file per run of the continue-as-new
 * chain), and those kept from before versioned changes, against today's {@link
 * LoopToolWorkflowImpl}, and the run's {@code LoopToolStage} children against today's {@link
 * ShardedStageWorkflowImpl}; a workflow that schedules one activity more must fail to replay them
 * with a non-determinism error, which proves the replay really compares.
 */
class LoopToolReplayTest {
  static final List<String> HISTORIES = LoopToolHistories.ALL;
  static final List<String> STAGES = LoopToolHistories.STAGE_RESOURCES;

  /**
   * Today's loop with one extra stage in front: what an unversioned change to the workflow looks
   * like.
   */
  public static class LoopToolWithExtraReport extends LoopToolWorkflowImpl {
    @Override
    public LoopResult run(RunSpec input, LoopState carried) {
      extraReport();
      return super.run(input, carried);
    }
  }

  /** Today's stage child with one extra activity in front. */
  public static class StageWithExtraReport extends ShardedStageWorkflowImpl {
    @Override
    public dev.looptool.workflows.stages.ShardedStageResult run(
        dev.looptool.workflows.stages.ShardedStageRequest request) {
      extraReport();
      return super.run(request);
    }
  }

  /** The activity both changed workflows schedule before doing what today's code does. */
  private static void extraReport() {
    Workflow.newActivityStub(
            CpuActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .build())
        .report(new ReportRequest(Workflow.getInfo().getWorkflowId(), "{}", List.of()));
  }

  @ParameterizedTest
  @FieldSource("HISTORIES")
  void capturedRunReplaysAgainstTodaysWorkflow(String resource) throws Exception {
    WorkflowExecutionHistory history = LoopToolHistories.load(resource);
    // The file really is a LoopTool run that scheduled stages; an empty one would replay trivially.
    assertEquals("LoopTool", workflowType(history));
    // Since stage-children the shards run in three children per iteration, not in the loop.
    int commands = scheduled(history).size() + children(history).size();
    assertTrue(
        commands >= 8,
        () -> resource + " schedules only " + scheduled(history) + " and " + children(history));
    WorkflowReplayer.replayWorkflowExecution(history, LoopToolWorkflowImpl.class);
  }

  @Test
  void todaysCaptureRunsEachShardedStageInAChildAndTheKeptOneInline() throws Exception {
    for (String resource : LoopToolHistories.RESOURCES) {
      WorkflowExecutionHistory h = LoopToolHistories.load(resource);
      assertEquals(List.of("LoopToolStage", "LoopToolStage", "LoopToolStage"), children(h));
      assertTrue(scheduled(h).stream().noneMatch(t -> t.endsWith("Shard")), resource);
    }
    for (String resource : LoopToolHistories.KEPT) {
      WorkflowExecutionHistory h = LoopToolHistories.load(resource);
      assertEquals(List.of(), children(h));
      assertEquals(6, scheduled(h).stream().filter(t -> t.endsWith("Shard")).count(), resource);
    }
  }

  @ParameterizedTest
  @FieldSource("STAGES")
  void capturedStageChildReplaysAgainstTodaysWorkflow(String resource) throws Exception {
    WorkflowExecutionHistory history = LoopToolHistories.load(resource);
    assertEquals("LoopToolStage", workflowType(history));
    // Two shards per stage in the captured run.
    assertEquals(2, scheduled(history).size(), () -> resource + ": " + scheduled(history));
    WorkflowReplayer.replayWorkflowExecution(history, ShardedStageWorkflowImpl.class);
  }

  @ParameterizedTest
  @FieldSource("STAGES")
  void stageChildWithAnExtraActivityFailsToReplayWithNonDeterminism(String resource)
      throws Exception {
    assertNonDeterministicUnder(StageWithExtraReport.class, resource);
  }

  @Test
  void capturedChainIsTwoIterationsJoinedByContinueAsNew() throws Exception {
    WorkflowExecutionHistory first = LoopToolHistories.load(LoopToolHistories.RESOURCES.get(0));
    WorkflowExecutionHistory second = LoopToolHistories.load(LoopToolHistories.RESOURCES.get(1));
    assertEquals(
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
        first.getLastEvent().getEventType());
    assertEquals(
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, second.getLastEvent().getEventType());
    assertEquals(List.of("PrepareSeed", "Train"), scheduled(first).subList(0, 2));
    assertEquals("Train", scheduled(second).get(0));
    assertEquals("Report", scheduled(second).get(scheduled(second).size() - 1));
  }

  @Test
  void freshlyCapturedRunsReplay() throws Exception {
    // Guards the capture itself: what LoopToolHistoryCaptureTest would write must replay today.
    LoopToolHistories.Captured captured = LoopToolHistories.captureAll();
    assertEquals(2, captured.runs().size());
    for (WorkflowExecutionHistory run : captured.runs()) {
      WorkflowReplayer.replayWorkflowExecution(run, LoopToolWorkflowImpl.class);
    }
    assertEquals(6, captured.stages().size());
    for (WorkflowExecutionHistory stage : captured.stages()) {
      WorkflowReplayer.replayWorkflowExecution(stage, ShardedStageWorkflowImpl.class);
    }
  }

  @ParameterizedTest
  @FieldSource("HISTORIES")
  void workflowWithAnExtraActivityFailsToReplayWithNonDeterminism(String resource)
      throws Exception {
    assertNonDeterministicUnder(LoopToolWithExtraReport.class, resource);
  }

  /** Replaying the captured history under {@code changed} fails with a non-determinism error. */
  private static void assertNonDeterministicUnder(Class<?> changed, String resource)
      throws Exception {
    WorkflowExecutionHistory history = LoopToolHistories.load(resource);
    Throwable failure =
        assertThrows(
            Throwable.class, () -> WorkflowReplayer.replayWorkflowExecution(history, changed));
    assertTrue(isNonDeterminism(failure), () -> "not a non-determinism error: " + failure);
  }

  /**
   * The replayer reports the worker's NonDeterministicException inside a query failure's message.
   */
  private static boolean isNonDeterminism(Throwable failure) {
    return causes(failure).stream()
        .anyMatch(
            t ->
                t instanceof NonDeterministicException
                    || String.valueOf(t.getMessage())
                        .contains(NonDeterministicException.class.getName() + ": [TMPRL1100]"));
  }

  private static String workflowType(WorkflowExecutionHistory history) {
    return history
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getWorkflowType()
        .getName();
  }

  private static List<String> children(WorkflowExecutionHistory history) {
    return history.getEvents().stream()
        .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
        .map(
            e ->
                e.getStartChildWorkflowExecutionInitiatedEventAttributes()
                    .getWorkflowType()
                    .getName())
        .toList();
  }

  private static List<String> scheduled(WorkflowExecutionHistory history) {
    return history.getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }

  private static List<Throwable> causes(Throwable t) {
    List<Throwable> out = new java.util.ArrayList<>();
    for (Throwable c = t; c != null && !out.contains(c); c = c.getCause()) {
      out.add(c);
    }
    return out;
  }
}

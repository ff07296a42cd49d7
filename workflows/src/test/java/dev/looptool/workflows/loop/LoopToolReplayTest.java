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
 * LoopToolWorkflowImpl}; a workflow that schedules one activity more must fail to replay them with
 * a non-determinism error, which proves the replay really compares.
 */
class LoopToolReplayTest {
  static final List<String> HISTORIES = LoopToolHistories.ALL;

  /**
   * Today's loop with one extra stage in front: what an unversioned change to the workflow looks
   * like.
   */
  public static class LoopToolWithExtraReport extends LoopToolWorkflowImpl {
    @Override
    public LoopResult run(RunSpec input, LoopState carried) {
      CpuActivities cpu =
          Workflow.newActivityStub(
              CpuActivities.class,
              ActivityOptions.newBuilder()
                  .setTaskQueue(TaskQueues.CPU)
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .build());
      cpu.report(new ReportRequest(Workflow.getInfo().getWorkflowId(), "{}", List.of()));
      return super.run(input, carried);
    }
  }

  @ParameterizedTest
  @FieldSource("HISTORIES")
  void capturedRunReplaysAgainstTodaysWorkflow(String resource) throws Exception {
    WorkflowExecutionHistory history = LoopToolHistories.load(resource);
    // The file really is a LoopTool run that scheduled stages; an empty one would replay trivially.
    assertEquals(
        "LoopTool",
        history
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getWorkflowType()
            .getName());
    assertTrue(
        scheduled(history).size() >= 10, () -> resource + " schedules only " + scheduled(history));
    WorkflowReplayer.replayWorkflowExecution(history, LoopToolWorkflowImpl.class);
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
    List<WorkflowExecutionHistory> runs = LoopToolHistories.capture();
    assertEquals(2, runs.size());
    for (WorkflowExecutionHistory run : runs) {
      WorkflowReplayer.replayWorkflowExecution(run, LoopToolWorkflowImpl.class);
    }
  }

  @ParameterizedTest
  @FieldSource("HISTORIES")
  void workflowWithAnExtraActivityFailsToReplayWithNonDeterminism(String resource)
      throws Exception {
    WorkflowExecutionHistory history = LoopToolHistories.load(resource);
    Throwable failure =
        assertThrows(
            Throwable.class,
            () -> WorkflowReplayer.replayWorkflowExecution(history, LoopToolWithExtraReport.class));
    // The replayer reports the worker's NonDeterministicException inside a query failure's message.
    assertTrue(
        causes(failure).stream()
            .anyMatch(
                t ->
                    t instanceof NonDeterministicException
                        || String.valueOf(t.getMessage())
                            .contains(NonDeterministicException.class.getName() + ": [TMPRL1100]")),
        () -> "not a non-determinism error: " + failure);
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

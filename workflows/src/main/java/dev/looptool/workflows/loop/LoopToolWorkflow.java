package dev.looptool.workflows.loop;

import dev.looptool.workflows.spec.RunSpec;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Map;

/**
 * The LoopTool run: workflow type {@code LoopTool} on task queue {@code looptool}. Start it with a
 * {@link RunSpec} (JSON); {@code state} is null on start and carries the loop across
 * continue-as-new at every iteration boundary.
 */
@WorkflowInterface
public interface LoopToolWorkflow {
  String TYPE = "LoopTool";

  @WorkflowMethod(name = TYPE)
  LoopResult run(RunSpec spec, LoopState state);

  /** Holds the run before its next stage until {@link #resume()}. */
  @SignalMethod(name = "pause")
  void pause();

  @SignalMethod(name = "resume")
  void resume();

  /** Finishes the current iteration, writes the report and completes. */
  @SignalMethod(name = "stopAfterIteration")
  void stopAfterIteration();

  @QueryMethod(name = "status")
  LoopStatus status();

  /** The stages of this run of the chain (one iteration) with their times, in order. */
  @QueryMethod(name = "stages")
  List<StageSpan> stages();

  /**
   * Changes settings with a JSON merge patch of the run spec (e.g. {@code {"judge": {"errorRate":
   * 0.1}}}); validated now, applied from the next iteration. Returns the spec that will apply.
   * {@code data} cannot change once seed data exists.
   */
  @UpdateMethod(name = "updateSettings")
  RunSpec updateSettings(Map<String, Object> patch);

  @UpdateValidatorMethod(updateName = "updateSettings")
  void validateSettings(Map<String, Object> patch);
}

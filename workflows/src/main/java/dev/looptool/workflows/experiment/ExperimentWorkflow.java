package dev.looptool.workflows.experiment;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The paper's experiment: workflow type {@code LoopToolExperiment} on task queue {@code looptool}.
 * Seeds the data and warms the built-in model up once, then runs one LoopTool child workflow per
 * arm (and seed) from the same π_0 and D_1, in parallel as the pools allow, and writes the
 * comparison report.
 */
@WorkflowInterface
public interface ExperimentWorkflow {
  String TYPE = "LoopToolExperiment";

  @WorkflowMethod(name = TYPE)
  ExperimentResult run(ExperimentSpec spec);

  @QueryMethod(name = "status")
  ExperimentStatus status();
}

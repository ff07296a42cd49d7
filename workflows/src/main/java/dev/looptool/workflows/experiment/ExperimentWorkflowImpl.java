package dev.looptool.workflows.experiment;

import dev.looptool.workflows.TaskQueues;
import dev.looptool.workflows.loop.LoopResult;
import dev.looptool.workflows.loop.LoopState;
import dev.looptool.workflows.loop.LoopToolWorkflow;
import dev.looptool.workflows.loop.SpecJson;
import dev.looptool.workflows.loop.StageOptions;
import dev.looptool.workflows.spec.PolicySpec;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.stages.ArmRequest;
import dev.looptool.workflows.stages.CpuActivities;
import dev.looptool.workflows.stages.ExperimentReportRequest;
import dev.looptool.workflows.stages.GpuActivities;
import dev.looptool.workflows.stages.SeedRequest;
import dev.looptool.workflows.stages.SeedResult;
import dev.looptool.workflows.stages.StageFailures;
import dev.looptool.workflows.stages.TrainRequest;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed data and SFT warm-up once, then one LoopTool child workflow per arm and seed, each started
 * from the shared D_1 and π_0 (the child's first state is the seeded state, so it skips its own
 * seed stage), then the comparison report. Deterministic: every effect is an activity or a child.
 */
public class ExperimentWorkflowImpl implements ExperimentWorkflow {
  private String experimentId;
  private String stage = "seed data";
  private final List<ExperimentStatus.ArmRun> armRuns = new ArrayList<>();

  @Override
  public ExperimentResult run(ExperimentSpec input) {
    experimentId = Workflow.getInfo().getWorkflowId();
    ExperimentSpec spec = input.resolved();
    List<String> problems = spec.problems();
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "invalid experiment spec: " + String.join("; ", problems), StageFailures.BAD_INPUT);
    }
    RunSpec base = spec.run();
    SeedResult seed = cpu(base, "seed data").prepareSeed(new SeedRequest(experimentId, base));
    String checkpoint = null;
    if (PolicySpec.BUILTIN.equals(base.policy().backend())) {
      stage = "SFT warm-up";
      checkpoint =
          Workflow.newActivityStub(
                  GpuActivities.class,
                  StageOptions.gpuTraining(base.execution(), "SFT warm-up shared by every arm"))
              .train(TrainRequest.warmup(experimentId, seed, base.policy()))
              .checkpoint();
    }

    stage = "arms";
    List<Promise<LoopResult>> running = new ArrayList<>();
    for (int s = 0; s < spec.seeds(); s++) {
      for (Arm arm : spec.arms()) {
        RunSpec armSpec = spec.armSpec(arm, s);
        String runId = ExperimentSpec.armRunId(experimentId, arm, s);
        cpu(base, "record arm " + arm.name())
            .prepareArm(new ArmRequest(experimentId, runId, arm.name(), armSpec));
        LoopToolWorkflow child =
            Workflow.newChildWorkflowStub(
                LoopToolWorkflow.class,
                ChildWorkflowOptions.newBuilder()
                    .setWorkflowId(runId)
                    .setTaskQueue(TaskQueues.WORKFLOW)
                    .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
                    .setStaticSummary("arm " + arm.name() + " of experiment " + experimentId)
                    .build());
        running.add(
            Async.function(
                child::run, armSpec, LoopState.initial(armSpec).seeded(seed, checkpoint)));
        armRuns.add(new ExperimentStatus.ArmRun(arm.name(), s, runId, false));
        int index = armRuns.size() - 1;
        running
            .get(index)
            .thenApply(
                r -> {
                  ExperimentStatus.ArmRun a = armRuns.get(index);
                  armRuns.set(
                      index, new ExperimentStatus.ArmRun(a.arm(), a.seed(), a.runId(), true));
                  return r;
                });
      }
    }
    List<ArmResult> results = new ArrayList<>();
    for (int i = 0; i < running.size(); i++) {
      LoopResult r = running.get(i).get();
      ExperimentStatus.ArmRun a = armRuns.get(i);
      results.add(new ArmResult(a.arm(), a.seed(), a.runId(), r.iterations()));
    }

    stage = "report";
    String report =
        cpu(base, "experiment report")
            .experimentReport(
                new ExperimentReportRequest(experimentId, SpecJson.write(base), results));
    stage = "done";
    return new ExperimentResult(experimentId, results, report);
  }

  private static CpuActivities cpu(RunSpec spec, String summary) {
    return Workflow.newActivityStub(
        CpuActivities.class, StageOptions.cpu(spec.execution(), summary));
  }

  @Override
  public ExperimentStatus status() {
    return new ExperimentStatus(experimentId, stage, armRuns);
  }
}

package dev.looptool.workflows.stages;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Activities of the {@code looptool-gpu} pool: train, probe, evaluate. */
@ActivityInterface
public interface GpuActivities {
  @ActivityMethod(name = "Train")
  TrainResult train(TrainRequest request);

  @ActivityMethod(name = "ProbeShard")
  ProbeShardResult probeShard(ProbeShardRequest request);

  @ActivityMethod(name = "Evaluate")
  EvalResult evaluate(EvalRequest request);
}

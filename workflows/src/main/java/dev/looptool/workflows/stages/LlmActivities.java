package dev.looptool.workflows.stages;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Activities of the {@code looptool-llm} pool: judge and expand (with validation). */
@ActivityInterface
public interface LlmActivities {
  @ActivityMethod(name = "JudgeShard")
  JudgeShardResult judgeShard(JudgeShardRequest request);

  @ActivityMethod(name = "ExpandShard")
  ExpandShardResult expandShard(ExpandShardRequest request);
}

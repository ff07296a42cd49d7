package dev.looptool.workflows.loop;

import dev.looptool.workflows.spec.ExecutionSpec;
import dev.looptool.workflows.stages.ExpandShardRequest;
import dev.looptool.workflows.stages.ExpandTotals;
import dev.looptool.workflows.stages.GpuActivities;
import dev.looptool.workflows.stages.JudgeShardRequest;
import dev.looptool.workflows.stages.JudgeTotals;
import dev.looptool.workflows.stages.LlmActivities;
import dev.looptool.workflows.stages.ProbeShardRequest;
import dev.looptool.workflows.stages.ProbeTotals;
import dev.looptool.workflows.stages.ShardSet;
import dev.looptool.workflows.stages.ShardedStageRequest;
import dev.looptool.workflows.stages.ShardedStageResult;
import dev.looptool.workflows.stages.StageFailures;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;

/**
 * Runs one sharded stage as a child of the loop: the same activities, summaries, options and
 * sliding window the loop ran inline before the {@code stage-children} change. A failed shard fails
 * this workflow with the activity's failure, which the loop rethrows. Deterministic: every effect
 * is an activity.
 */
public class ShardedStageWorkflowImpl implements ShardedStageWorkflow {
  private int shardsDone;
  private int shardsTotal;

  @Override
  public ShardedStageResult run(ShardedStageRequest r) {
    String stage;
    try {
      stage = r.stage();
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), StageFailures.BAD_INPUT);
    }
    ShardSet shards = r.shards();
    shardsTotal = shards.count();
    int window = r.execution().maxParallelShards();
    Runnable done = () -> shardsDone++;
    ExecutionSpec e = r.execution();
    switch (stage) {
      case "probe":
        {
          ProbeShardRequest p = r.probe();
          return new ShardedStageResult(
              ProbeTotals.sum(
                  ShardFanOut.run(
                      shards,
                      window,
                      s ->
                          Async.function(
                              gpu(e, "probe shard " + ShardFanOut.ofTotal(s, shards))::probeShard,
                              p.forShard(s)),
                      done)),
              null,
              null);
        }
      case "judge":
        {
          JudgeShardRequest j = r.judge();
          return new ShardedStageResult(
              null,
              JudgeTotals.sum(
                  ShardFanOut.run(
                      shards,
                      window,
                      s ->
                          Async.function(
                              llm(e, "judge shard " + ShardFanOut.ofTotal(s, shards))::judgeShard,
                              j.forShard(s)),
                      done)),
              null);
        }
      default:
        {
          ExpandShardRequest x = r.expand();
          String what = x.noEdde() ? "repeat failures " : "expand shard ";
          return new ShardedStageResult(
              null,
              null,
              ExpandTotals.sum(
                  ShardFanOut.run(
                      shards,
                      window,
                      s ->
                          Async.function(
                              llm(e, what + ShardFanOut.ofTotal(s, shards))::expandShard,
                              x.forShard(s)),
                      done)));
        }
    }
  }

  @Override
  public ShardProgress progress() {
    return new ShardProgress(shardsDone, shardsTotal, Workflow.getInfo().getWorkflowId());
  }

  private static GpuActivities gpu(ExecutionSpec e, String summary) {
    return Workflow.newActivityStub(GpuActivities.class, StageOptions.gpu(e, summary));
  }

  private static LlmActivities llm(ExecutionSpec e, String summary) {
    return Workflow.newActivityStub(LlmActivities.class, StageOptions.llm(e, summary));
  }
}

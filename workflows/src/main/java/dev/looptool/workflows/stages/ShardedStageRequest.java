package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.ExecutionSpec;

/**
 * One sharded stage of an iteration, run by a {@code LoopToolStage} child workflow: the shards, the
 * execution settings (window, timeouts, heartbeats) and the request of exactly one stage, given for
 * shard 0 of {@code shards} and repeated for every shard with only the shard changed.
 */
public record ShardedStageRequest(
    ShardSet shards,
    ExecutionSpec execution,
    ProbeShardRequest probe,
    JudgeShardRequest judge,
    ExpandShardRequest expand) {

  /** The stage this request runs: probe, judge or expand (its label); fails unless exactly one. */
  public String stage() {
    int given = (probe != null ? 1 : 0) + (judge != null ? 1 : 0) + (expand != null ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException(
          "a sharded stage request holds exactly one of probe, judge, expand; it holds " + given);
    }
    return probe != null ? "probe" : judge != null ? "judge" : "expand";
  }
}

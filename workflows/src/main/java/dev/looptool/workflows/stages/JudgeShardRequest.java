package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.JudgeSpec;

/** Judge the mismatches of one probe shard. */
public record JudgeShardRequest(ShardRef shard, String truthKey, JudgeSpec judge) {
  /** The same request for {@code other}. */
  public JudgeShardRequest forShard(ShardRef other) {
    return new JudgeShardRequest(other, truthKey, judge);
  }
}

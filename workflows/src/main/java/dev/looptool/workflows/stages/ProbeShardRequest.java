package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.PolicySpec;

/** Probe samples [index*shardSize, (index+1)*shardSize) of D_j greedily with π_j. */
public record ProbeShardRequest(
    ShardRef shard, String trainKey, String checkpoint, int shardSize, PolicySpec policy) {
  /** The same request for {@code other}. */
  public ProbeShardRequest forShard(ShardRef other) {
    return new ProbeShardRequest(other, trainKey, checkpoint, shardSize, policy);
  }
}

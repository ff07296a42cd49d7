package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.PolicySpec;

/** Probe samples [shard*shardSize, (shard+1)*shardSize) of D_j greedily with π_j. */
public record ProbeShardRequest(
    String runId,
    int iteration,
    String trainKey,
    String checkpoint,
    int shard,
    int shardSize,
    PolicySpec policy) {}

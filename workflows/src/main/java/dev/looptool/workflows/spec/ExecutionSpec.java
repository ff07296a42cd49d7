package dev.looptool.workflows.spec;

/**
 * How the run executes: samples per shard, shards in flight at once, stage timeouts, the heartbeat
 * timeout that tells how soon a dead worker is noticed, and whether search attributes are upserted
 * (the server must have LoopIteration, LoopStage, LoopAccuracy registered).
 */
public record ExecutionSpec(
    Integer shardSize,
    Integer maxParallelShards,
    Integer trainTimeoutMinutes,
    Integer stageTimeoutMinutes,
    Integer heartbeatSeconds,
    Boolean searchAttributes) {
  public ExecutionSpec withDefaults() {
    return new ExecutionSpec(
        shardSize == null ? 256 : shardSize,
        maxParallelShards == null ? 4 : maxParallelShards,
        trainTimeoutMinutes == null ? 24 * 60 : trainTimeoutMinutes,
        stageTimeoutMinutes == null ? 6 * 60 : stageTimeoutMinutes,
        heartbeatSeconds == null ? 20 : heartbeatSeconds,
        searchAttributes == null ? Boolean.TRUE : searchAttributes);
  }
}

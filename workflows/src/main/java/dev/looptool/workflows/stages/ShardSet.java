package dev.looptool.workflows.stages;

/**
 * The {@code count} shards of iteration {@code iteration} of a run: probe, judge and expand each
 * write one file per shard, so later stages read all of them.
 */
public record ShardSet(String runId, int iteration, int count) {
  /** Shard {@code index} of this set. */
  public ShardRef shard(int index) {
    return new ShardRef(runId, iteration, index);
  }
}

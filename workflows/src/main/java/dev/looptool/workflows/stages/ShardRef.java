package dev.looptool.workflows.stages;

/** Shard {@code index} (0-based) of a sharded stage of iteration {@code iteration} of a run. */
public record ShardRef(String runId, int iteration, int index) {}

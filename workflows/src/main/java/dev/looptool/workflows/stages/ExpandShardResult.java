package dev.looptool.workflows.stages;

/** Failures expanded, samples generated, kept after validation, rejected, dropped as duplicates. */
public record ExpandShardResult(
    int shard, long failures, long generated, long validated, long rejected, long duplicates) {}

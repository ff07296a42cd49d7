package dev.looptool.workflows.stages;

/**
 * What a long activity heartbeats: a readable progress record (stage, shard, step of total, counts
 * so far, the last checkpoint) that the Web UI shows and a retried attempt resumes from.
 */
public record StageProgress(
    String stage, int shard, long done, long total, String detail, String checkpoint) {}

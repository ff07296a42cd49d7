package dev.looptool.workflows.stages;

/** What one probe shard found: mastered and mismatched counts, sum of PPL, unparseable outputs. */
public record ProbeShardResult(
    int shard, long samples, long mastered, long mismatched, double sumPpl, long unparseable) {}

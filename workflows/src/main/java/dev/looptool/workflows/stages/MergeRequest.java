package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.Ablations;
import dev.looptool.workflows.spec.MergeSpec;

/**
 * Build D_{j+1} = ES ∪ EE ∪ HPPL ∪ SeedNew from iteration {@code iteration}'s artifacts: the budget
 * B, the seed pool and how far into it earlier iterations reached, and how many fresh seed samples
 * the previous iteration took.
 */
public record MergeRequest(
    String runId,
    int iteration,
    int probeShards,
    int expandShards,
    String poolKey,
    long seedCursor,
    long lastSeedTaken,
    long budget,
    String truthKey,
    MergeSpec merge,
    Ablations ablations,
    long seed) {}

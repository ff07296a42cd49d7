package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.Ablations;
import dev.looptool.workflows.spec.MergeSpec;

/**
 * Build D_{j+1} = ES ∪ EE ∪ HPPL ∪ SeedNew from the probe, judge and expand shards of an iteration:
 * the budget and seed pool from {@code schedule}, the merge rule and ablations of the spec, and the
 * seed of the random fill (the random-fill ablation).
 */
public record MergeRequest(
    ShardSet shards,
    MergeSchedule schedule,
    String truthKey,
    MergeSpec merge,
    Ablations ablations,
    long fillSeed) {}

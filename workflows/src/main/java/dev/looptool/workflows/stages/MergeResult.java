package dev.looptool.workflows.stages;

/**
 * D_{j+1}: its key and size, its composition (ES, EE, HPPL, SeedNew), where the seed cursor now
 * stands, how many samples were quarantined this iteration, and its label purity against the
 * world's truth (null without truth).
 */
public record MergeResult(
    String nextTrainKey,
    long count,
    long errorSet,
    long expansions,
    long highPpl,
    long seedNew,
    long seedCursor,
    long quarantined,
    Double labelPurity) {}

package dev.looptool.workflows.stages;

/**
 * The seed data of a run: keys of the seed pool, held-out test, tools and (for the synthetic
 * world) the truth file, counts, rejected samples, D_1 and how far into the pool it reaches.
 */
public record SeedResult(
    String poolKey,
    long poolCount,
    String testKey,
    long testCount,
    String toolsKey,
    String truthKey,
    long rejected,
    String firstTrainKey,
    long firstTrainCount,
    long seedCursor,
    Double firstTrainPurity) {}

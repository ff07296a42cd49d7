package dev.looptool.workflows.stages;

/**
 * The seed data of a run: keys of the seed pool, held-out test, tools and (for the synthetic world)
 * the truth file, counts, rejected samples, D_1 and how far into the pool it reaches, and the
 * built-in model's separate warm-up set (null: the warm-up trains on D_1).
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
    Double firstTrainPurity,
    String warmupKey,
    long warmupCount) {}

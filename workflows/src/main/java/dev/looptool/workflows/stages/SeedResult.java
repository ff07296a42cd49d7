package dev.looptool.workflows.stages;

/**
 * The seed data of a run: the seed pool and held-out test, D_1 and how far into the pool it
 * reaches, the built-in model's separate warm-up set (null: the warm-up trains on D_1), the keys of
 * the tools and (for the synthetic world) the truth file, and how many samples were rejected.
 */
public record SeedResult(
    Dataset pool,
    Dataset test,
    Dataset firstTrain,
    Dataset warmup,
    String toolsKey,
    String truthKey,
    long rejected,
    long seedCursor) {
  /** What the SFT warm-up trains on: the separate warm-up set, or D_1 when there is none. */
  public Dataset warmupTrain() {
    return warmup != null ? warmup : firstTrain;
  }
}

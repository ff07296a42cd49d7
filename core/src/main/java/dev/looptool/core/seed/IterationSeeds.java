package dev.looptool.core.seed;

/**
 * The seeds a run derives for iteration {@code j} from its base seed ({@code policy.seed}): one
 * place for the formulas, so the workflow and the CLI commands that redo a stage draw the same
 * numbers. The values are part of every run's artifacts (which expansions are written, which
 * samples fill at random); changing a formula changes the outputs of every run from then on.
 */
public final class IterationSeeds {
  /** Keeps neighbouring base seeds apart: (base, j) pairs give distinct seeds for j < 1,000,003. */
  private static final long EXPANSION_STRIDE = 1_000_003L;

  private IterationSeeds() {}

  /** The seed of iteration {@code j}'s expansion (scenario variations, generator sampling). */
  public static long expansion(long base, int j) {
    return base * EXPANSION_STRIDE + j;
  }

  /** The seed of iteration {@code j}'s random fill of D_{j+1} (the random-fill ablation). */
  public static long fill(long base, int j) {
    return base + j;
  }
}

package dev.looptool.core.seed;

/** The seeds a run derives from its base seed for each iteration, in one place. */
public final class IterationSeeds {
  private IterationSeeds() {}

  /** The seed of iteration {@code j}'s expansion stage (its scenario-variation draws). */
  public static long expansion(long base, int j) {
    return base * 1_000_003L + j;
  }
}

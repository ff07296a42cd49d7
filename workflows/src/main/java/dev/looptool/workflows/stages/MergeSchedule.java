package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.MergeSpec;

/**
 * What one merge hands to the next: the seed pool, how far into it earlier iterations reached
 * ({@code seedCursor}), how many fresh seed samples the last iteration took (the next SeedNew quota
 * is a ratio of it), and the budget B every D_{j+1} is filled to.
 */
public record MergeSchedule(String poolKey, long seedCursor, long lastSeedTaken, long budget) {
  /** The schedule after seeding: D_1 took the pool's first samples; B is set now, |D_1| if 0. */
  public static MergeSchedule start(SeedResult seed, MergeSpec merge) {
    long budget = merge.budget() > 0 ? merge.budget() : seed.firstTrain().count();
    return new MergeSchedule(
        seed.pool().key(), seed.seedCursor(), seed.firstTrain().count(), budget);
  }

  /** The schedule after {@code merged} took its fresh seed samples. */
  public MergeSchedule after(MergeResult merged) {
    return new MergeSchedule(poolKey, merged.seedCursor(), merged.composition().seedNew(), budget);
  }
}

package dev.looptool.workflows.stages;

/** How D_{j+1} = ES ∪ EE ∪ HPPL ∪ SeedNew was made up: samples from each part. */
public record Composition(long errorSet, long expansions, long highPpl, long seedNew) {
  /** No merge (the static baseline): nothing was composed. */
  public static final Composition NONE = new Composition(0, 0, 0, 0);
}

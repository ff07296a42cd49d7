package dev.looptool.workflows.spec;

/**
 * The merge rule D_{j+1} = ES ∪ EE ∪ HPPL ∪ SeedNew: {@code budget} B (0 means |D_1|) filled with
 * mastered samples in descending perplexity, and {@code seedNewRatio} of the previous iteration's
 * fresh seed samples (0.5: half as many each time).
 */
public record MergeSpec(Integer budget, Double seedNewRatio) {
  public MergeSpec withDefaults() {
    return new MergeSpec(budget == null ? 0 : budget, seedNewRatio == null ? 0.5 : seedNewRatio);
  }
}

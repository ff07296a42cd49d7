package dev.looptool.workflows.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The merge rule D_{j+1} = ES ∪ EE ∪ HPPL ∪ SeedNew: {@code budget} B (0 means |D_1|) filled with
 * mastered samples in descending perplexity, and {@code seedNewRatio} of the previous iteration's
 * fresh seed samples (0.5: half as many each time).
 */
public record MergeSpec(Integer budget, Double seedNewRatio) implements Defaultable<MergeSpec> {
  static final ObjectNode DEFAULTS =
      SpecDefaults.document().put("budget", 0).put("seedNewRatio", 0.5);

  @Override
  public MergeSpec withDefaults() {
    return SpecDefaults.fill(this, DEFAULTS);
  }
}

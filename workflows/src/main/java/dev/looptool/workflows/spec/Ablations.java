package dev.looptool.workflows.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ablations of LOOPTOOL.md, each a switch: no judge-guided label verification (mismatches keep
 * their labels), no error-driven expansion (failures are repeated k times instead), random instead
 * of high-perplexity fill, and the static baseline (train on the seed data every iteration).
 */
public record Ablations(Boolean noJglv, Boolean noEdde, Boolean randomFill, Boolean staticBaseline)
    implements Defaultable<Ablations> {
  /** The full method: every switch off. */
  static final ObjectNode DEFAULTS =
      SpecDefaults.document()
          .put("noJglv", false)
          .put("noEdde", false)
          .put("randomFill", false)
          .put("staticBaseline", false);

  @Override
  public Ablations withDefaults() {
    return SpecDefaults.fill(this, DEFAULTS);
  }
}

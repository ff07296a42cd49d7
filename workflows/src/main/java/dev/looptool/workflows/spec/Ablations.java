package dev.looptool.workflows.spec;

/**
 * The ablations of LOOPTOOL.md, each a switch: no judge-guided label verification (mismatches keep
 * their labels), no error-driven expansion (failures are repeated k times instead), random instead
 * of high-perplexity fill, and the static baseline (train on the seed data every iteration).
 */
public record Ablations(
    Boolean noJglv, Boolean noEdde, Boolean randomFill, Boolean staticBaseline) {
  public Ablations withDefaults() {
    return new Ablations(
        Boolean.TRUE.equals(noJglv),
        Boolean.TRUE.equals(noEdde),
        Boolean.TRUE.equals(randomFill),
        Boolean.TRUE.equals(staticBaseline));
  }
}

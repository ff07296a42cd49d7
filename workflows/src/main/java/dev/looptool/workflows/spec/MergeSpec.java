package dev.looptool.workflows.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The merge rule D_{j+1} = ES ∪ EE ∪ HPPL ∪ SeedNew: {@code budget} B (0 means |D_1|) filled with
 * mastered samples in descending perplexity, and {@code seedNewRatio} of the previous iteration's
 * fresh seed samples (0.5: half as many each time). Errors and expansions take at most {@code
 * maxHardShare} of B and at least {@code minFillShare} of B goes to the high-perplexity fill, so
 * every D_j holds samples GRPO can learn from (1 and 0: the paper's rule with no bounds; the
 * defaults leave the paper's own compositions unchanged).
 */
public record MergeSpec(
    Integer budget, Double seedNewRatio, Double maxHardShare, Double minFillShare)
    implements Defaultable<MergeSpec> {
  static final ObjectNode DEFAULTS =
      SpecDefaults.document()
          .put("budget", 0)
          .put("seedNewRatio", 0.5)
          .put("maxHardShare", 0.5)
          .put("minFillShare", 0.05);

  /** A budget and seed ratio with the share bounds left to the defaults. */
  public MergeSpec(Integer budget, Double seedNewRatio) {
    this(budget, seedNewRatio, null, null);
  }

  @Override
  public MergeSpec withDefaults() {
    return SpecDefaults.fill(this, DEFAULTS);
  }

  /**
   * Problems of this spec after {@link #withDefaults()}, each prefixed with {@code path}, the field
   * that holds it ({@code merge} in a run spec); empty when valid.
   */
  public List<String> problems(String path) {
    List<String> p = new ArrayList<>();
    if (budget < 0) {
      p.add(path + ".budget: must not be negative (0 means |D_1|)");
    }
    if (seedNewRatio < 0) {
      p.add(path + ".seedNewRatio: must not be negative");
    }
    if (!(maxHardShare >= 0 && maxHardShare <= 1)) {
      p.add(path + ".maxHardShare: must lie in [0, 1] (1: no bound on errors and expansions)");
    }
    if (!(minFillShare >= 0 && minFillShare <= 1)) {
      p.add(path + ".minFillShare: must lie in [0, 1] (0: the fill only takes what is left)");
    }
    if (maxHardShare + minFillShare > 1) {
      p.add(path + ".maxHardShare + minFillShare: must not exceed 1");
    }
    return p;
  }
}

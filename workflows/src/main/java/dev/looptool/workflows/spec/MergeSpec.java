package dev.looptool.workflows.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

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
    return p;
  }
}

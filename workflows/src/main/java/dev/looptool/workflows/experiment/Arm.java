package dev.looptool.workflows.experiment;

import java.util.List;
import java.util.Map;

/**
 * One arm of an experiment: a name and a JSON merge patch of the experiment's run spec (empty: the
 * spec as it is). Every arm starts from the same π_0 and D_1, so a patch may not touch {@code
 * data}.
 */
public record Arm(String name, Map<String, Object> patch) {
  public Arm {
    patch = patch == null ? Map.of() : Map.copyOf(patch);
  }

  /** The paper's comparison: the full loop, static training, and the three module ablations. */
  public static final List<Arm> DEFAULTS =
      List.of(
          new Arm("full", Map.of()),
          new Arm("static", ablation("staticBaseline")),
          new Arm("noJglv", ablation("noJglv")),
          new Arm("noEdde", ablation("noEdde")),
          new Arm("randomFill", ablation("randomFill")));

  private static Map<String, Object> ablation(String name) {
    return Map.of("ablations", Map.of(name, true));
  }
}

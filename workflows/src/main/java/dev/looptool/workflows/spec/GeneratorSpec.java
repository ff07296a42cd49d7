package dev.looptool.workflows.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The expansion generator (EDDE): {@code k} new samples per verified failure, each attempt given a
 * scenario variation drawn with {@code scenarioWeights} (uniform by default).
 */
public record GeneratorSpec(
    String backend, Integer k, Map<String, Double> scenarioWeights, List<EndpointSpec> endpoints)
    implements Defaultable<GeneratorSpec> {
  /** The scenario variations of LOOPTOOL.md, the keys {@code scenarioWeights} may hold. */
  static final List<String> VARIATIONS =
      List.of("COMPLEXITY", "USER_PERSONA", "INTERACTION_STYLE", "DATA_VARIATION");

  /** LOOPTOOL.md's k = 4, and the four scenario variations drawn uniformly. */
  static final ObjectNode DEFAULTS =
      SpecDefaults.document()
          .put("backend", JudgeSpec.SIMULATED)
          .put("k", 4)
          .<ObjectNode>set(
              "scenarioWeights",
              SpecDefaults.document()
                  .put("COMPLEXITY", 1.0)
                  .put("USER_PERSONA", 1.0)
                  .put("INTERACTION_STYLE", 1.0)
                  .put("DATA_VARIATION", 1.0))
          .set("endpoints", SpecDefaults.list());

  public GeneratorSpec {
    scenarioWeights = scenarioWeights == null ? null : SortedMaps.of(scenarioWeights);
    endpoints = endpoints == null ? null : List.copyOf(endpoints);
  }

  @Override
  public GeneratorSpec withDefaults() {
    return SpecDefaults.fill(this, DEFAULTS);
  }

  /**
   * Problems of this spec after {@link #withDefaults()}, each prefixed with {@code path}, the field
   * that holds it ({@code generator} in a run spec); empty when valid.
   */
  public List<String> problems(String path) {
    List<String> p = JudgeSpec.backendProblems(path, backend, endpoints);
    if (k < 1) {
      p.add(path + ".k: must be at least 1");
    }
    for (String v : scenarioWeights.keySet()) {
      if (!VARIATIONS.contains(v)) {
        p.add(path + ".scenarioWeights: unknown variation '" + v + "'");
      }
    }
    if (scenarioWeights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0
        || scenarioWeights.values().stream().anyMatch(w -> w < 0)) {
      p.add(path + ".scenarioWeights: weights must be non-negative and not all zero");
    }
    return p;
  }
}

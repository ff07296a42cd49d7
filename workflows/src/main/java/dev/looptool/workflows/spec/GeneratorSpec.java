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
}

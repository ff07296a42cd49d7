package dev.looptool.workflows.spec;

import java.util.List;
import java.util.Map;

/**
 * The expansion generator (EDDE): {@code k} new samples per verified failure, each attempt given a
 * scenario variation drawn with {@code scenarioWeights} (uniform by default).
 */
public record GeneratorSpec(
    String backend, Integer k, Map<String, Double> scenarioWeights, List<EndpointSpec> endpoints) {
  public GeneratorSpec withDefaults() {
    return new GeneratorSpec(
        backend == null ? JudgeSpec.SIMULATED : backend,
        k == null ? 4 : k,
        scenarioWeights == null
            ? SortedMaps.of(
                Map.of(
                    "COMPLEXITY",
                    1.0,
                    "USER_PERSONA",
                    1.0,
                    "INTERACTION_STYLE",
                    1.0,
                    "DATA_VARIATION",
                    1.0))
            : SortedMaps.of(scenarioWeights),
        endpoints == null ? List.of() : List.copyOf(endpoints));
  }
}

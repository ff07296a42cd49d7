package dev.looptool.core.expand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which scenario variation each generation attempt of a failure gets: drawn with the run's scenario
 * weights, reproducibly from the expansion seed and the failure's sample id, so a retried shard and
 * the {@code expand} command draw what the loop draws.
 */
public final class ScenarioDraws {
  private ScenarioDraws() {}

  /** The variations of attempts 0..k-1 of the failure of sample {@code sampleId}. */
  public static List<ScenarioVariation> forFailure(
      Map<String, Double> weights, long expansionSeed, String sampleId, int k) {
    SplittableRandom rnd =
        new SplittableRandom(expansionSeed ^ (sampleId.hashCode() * 0x9E3779B97F4A7C15L));
    List<ScenarioVariation> out = new ArrayList<>(k);
    for (int attempt = 0; attempt < k; attempt++) {
      out.add(draw(weights, rnd));
    }
    return out;
  }

  /** One draw, proportional to the weights by variation name (absent or non-positive: never). */
  static ScenarioVariation draw(Map<String, Double> weights, SplittableRandom rnd) {
    double total = 0;
    for (ScenarioVariation v : ScenarioVariation.values()) {
      total += weights.getOrDefault(v.name(), 0.0);
    }
    double x = rnd.nextDouble() * total;
    ScenarioVariation last = ScenarioVariation.COMPLEXITY;
    for (ScenarioVariation v : ScenarioVariation.values()) {
      double w = weights.getOrDefault(v.name(), 0.0);
      if (w <= 0) {
        continue;
      }
      last = v;
      if (x < w) {
        return v;
      }
      x -= w;
    }
    return last;
  }
}

package dev.looptool.world;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Collects a generated world in memory for tests. */
final class WorldTesting {
  private WorldTesting() {}

  record Collected(List<WorldSample> samples, List<Reject> rejects, WorldStats stats) {
    List<WorldSample> split(Split s) {
      return samples.stream().filter(w -> w.truth().split() == s).toList();
    }
  }

  static Collected collect(WorldConfig config) {
    WorldGenerator g = new WorldGenerator(config);
    List<WorldSample> samples = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    try {
      WorldStats stats = g.generate(WorldSink.collecting(samples, rejects));
      return new Collected(samples, rejects, stats);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}

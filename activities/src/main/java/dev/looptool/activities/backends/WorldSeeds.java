package dev.looptool.activities.backends;

import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.spec.WorldSpec;
import dev.looptool.world.NoiseKind;
import dev.looptool.world.WorldConfig;
import dev.looptool.world.WorldFiles;
import dev.looptool.world.WorldGenerator;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Seed data from the synthetic world: the world's files under {@code world/}, pool and test under
 * {@code seed/}.
 */
public final class WorldSeeds implements SeedWorld {

  /** The world configuration a run spec asks for (unset fields keep the world's defaults). */
  public static WorldConfig config(WorldSpec w) {
    WorldConfig c =
        WorldConfig.defaults(w.seed()).withTools(w.tools()).withCounts(w.train(), w.test());
    Map<NoiseKind, Double> mix = null;
    if (w.noiseMix() != null && !w.noiseMix().isEmpty()) {
      mix = new EnumMap<>(NoiseKind.class);
      for (Map.Entry<String, Double> e : w.noiseMix().entrySet()) {
        mix.put(NoiseKind.fromWire(e.getKey()), e.getValue());
      }
    }
    c = c.withNoise(w.noise(), mix);
    if (w.distractors() != null || w.historyWindow() != null) {
      c =
          c.withPrompt(
              w.distractors() == null ? c.distractors() : w.distractors(),
              w.historyWindow() == null ? c.historyWindow() : w.historyWindow(),
              c.priorExchanges(),
              c.resultSchemaInPrompt());
    }
    return c;
  }

  @Override
  public void generate(WorldSpec spec, ArtifactStore store, RunLayout layout) throws Exception {
    Path dir = store.path(layout.worldDir());
    if (!store.exists(layout.worldStats())) {
      // The world's files appear together once complete (stats last); a retry reuses them.
      WorldFiles.write(new WorldGenerator(config(spec)), dir);
    }
    copy(store, layout.worldPool(), layout.seedPool());
    copy(store, layout.worldTest(), layout.seedTest());
  }

  private static void copy(ArtifactStore store, String from, String to) throws Exception {
    store.write(
        to,
        os -> {
          try (InputStream in = store.open(from)) {
            in.transferTo(os);
          }
        });
  }
}

package dev.looptool.activities.backends;

import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.spec.WorldSpec;

/**
 * Builds a run's seed data with the synthetic world: writes {@code world/tools.jsonl}, {@code
 * world/truth.jsonl}, {@code world/rejects.jsonl}, {@code world/stats.json}, {@code
 * seed/pool.jsonl} and {@code seed/test.jsonl}, each atomically, byte-identical for the same spec.
 * Called again (a retry), it reuses the world's files and rewrites the seed copies.
 */
public interface SeedWorld {
  void generate(WorldSpec spec, ArtifactStore store, RunLayout layout) throws Exception;

  /** The key of the truth file the world writes. */
  static String truthKey(RunLayout layout) {
    return layout.worldTruth();
  }
}

package dev.looptool.activities.backends;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.activities.backends.ModelBackends.RunContext;
import dev.looptool.core.agent.Shape;
import dev.looptool.core.model.Label;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.world.Split;
import dev.looptool.world.Truth;
import dev.looptool.world.TruthRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedBackendsTest {
  static final String RUN = "truth-run";

  static void writeTruth(ArtifactStore store, String key, String id) throws Exception {
    TruthRecord r =
        TruthRecord.seed(
            id, Split.POOL, Shape.NO_TOOL, "d", List.of(), 0, null, Label.ofText("hi"));
    store.write(key, os -> Truth.writeLines(List.of(r), os));
  }

  /**
   * The truth an activity sees is what the run's truth files say when it asks: an expansion's truth
   * file committed after an earlier activity of the same iteration loaded the truth must be seen (a
   * merge on the worker that ran the judge once saw none of that iteration's expansions).
   */
  @Test
  void truthFollowsTheTruthFilesWrittenSinceTheLastLoad(@TempDir Path tmp) throws Exception {
    RunContext run = seededRun(tmp);
    SimulatedBackends backends = new SimulatedBackends();
    RunLayout layout = new RunLayout(RUN);

    assertTrue(backends.truth(run).record("seed-1").isPresent());
    assertFalse(backends.truth(run).record("exp-1").isPresent());
    writeTruth(run.store(), layout.iteration(1).expandTruth(0), "exp-1");
    assertTrue(backends.truth(run).record("exp-1").isPresent(), "the new truth file is read");
  }

  /** Shards of one stage that ask at once share one truth, so each sees what the others add. */
  @Test
  void concurrentRequestsForTheSameTruthGetOneInstance(@TempDir Path tmp) throws Exception {
    RunContext run = seededRun(tmp);
    SimulatedBackends backends = new SimulatedBackends();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Callable<Object> load = () -> backends.truthOf(run);
      List<Future<Object>> got = pool.invokeAll(List.of(load, load, load, load));
      for (Future<Object> f : got) {
        assertSame(got.get(0).get(), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A generator keeps adding to the truth it was given while another shard of the run commits its
   * truth file: the validator built after that commit still sees what the generator added (it used
   * to get a fresh instance, and an experiment's expansion failed with "no truth for sample").
   */
  @Test
  void aTruthFileCommittedMeanwhileJoinsTheSameInstance(@TempDir Path tmp) throws Exception {
    RunContext run = seededRun(tmp);
    SimulatedBackends backends = new SimulatedBackends();
    RunLayout layout = new RunLayout(RUN);
    Truth generators = backends.truthOf(run);
    generators.add(
        TruthRecord.seed(
            "made-1", Split.POOL, Shape.NO_TOOL, "d", List.of(), 0, null, Label.ofText("hi")));
    writeTruth(run.store(), layout.iteration(1).expandTruth(1), "exp-other-shard");
    Truth validators = backends.truthOf(run);
    assertSame(generators, validators);
    assertTrue(validators.get("made-1") != null);
    assertTrue(validators.get("exp-other-shard") != null);
  }

  /** Each run keeps its own truth, and more runs than an experiment has arms stay loaded. */
  @Test
  void runsKeepTheirOwnTruths(@TempDir Path tmp) throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(tmp);
    SimulatedBackends backends = new SimulatedBackends();
    List<Truth> first = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String run = "arm-" + i;
      writeTruth(store, SeedWorld.truthKey(new RunLayout(run)), "seed-" + i);
      first.add(backends.truthOf(new RunContext(store, run, null, 1)));
    }
    for (int i = 0; i < 8; i++) {
      assertSame(first.get(i), backends.truthOf(new RunContext(store, "arm-" + i, null, 1)));
    }
  }

  /**
   * Run {@link #RUN} in a store at {@code dir}, its seed truth file holding one record, "seed-1".
   */
  private static RunContext seededRun(Path dir) throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    writeTruth(store, SeedWorld.truthKey(new RunLayout(RUN)), "seed-1");
    return new RunContext(store, RUN, null, 1);
  }
}

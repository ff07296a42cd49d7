package dev.looptool.activities.backends;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.expand.Generator;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.Judge;
import dev.looptool.core.judge.ResponseValidator;
import dev.looptool.core.model.Sample;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.spec.GeneratorSpec;
import dev.looptool.workflows.spec.JudgeSpec;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.world.Truth;
import dev.looptool.world.TruthRecord;
import dev.looptool.world.WorldGenerator;
import dev.looptool.world.expand.SimulatedGenerator;
import dev.looptool.world.judge.SimulatedJudge;
import dev.looptool.world.judge.SimulatedValidator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The synthetic world in the judge, validator and generator roles. Each activity gets the truth of
 * its run as the run's truth files say it at that moment (the world's and every expansion's written
 * so far), and the world configuration recorded in the run's manifest, so any worker can serve any
 * run and every worker sees the same truth.
 */
public final class SimulatedBackends implements ModelBackends {
  /**
   * One truth per run, grown as its truth files appear: the world's, then each expansion shard's
   * once it commits. A shard's generator adds the truth of each new sample to the instance it was
   * given, and the validator built for the same shard must see those additions, so a run keeps one
   * instance (a file written since the last look is added to it, never loaded into a fresh one).
   * Runs beyond {@link #RUNS_KEPT} (an experiment's arms all run on one worker) evict the least
   * recently used.
   */
  private final Map<String, LoadedTruth> truths = // guarded by itself (truthOf)
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LoadedTruth> e) {
          return size() > RUNS_KEPT;
        }
      };

  /** How many runs' truths a worker keeps loaded. */
  static final int RUNS_KEPT = 32;

  /** A run's truth and the files (with their sizes) already added to it. */
  private record LoadedTruth(Truth truth, Map<java.nio.file.Path, Long> files) {}

  Truth truthOf(RunContext run) throws IOException {
    List<java.nio.file.Path> files = truthFiles(run);
    // One load per run even when shards of a stage ask at once (a race here used to leave one
    // shard's generator writing into an instance the validator did not see).
    synchronized (truths) {
      LoadedTruth t = truths.get(run.runId());
      if (t == null) {
        t = new LoadedTruth(new Truth(), new java.util.HashMap<>());
        truths.put(run.runId(), t);
      }
      for (java.nio.file.Path f : files) {
        long size = java.nio.file.Files.size(f);
        Long seen = t.files().put(f, size);
        if (seen == null || seen != size) {
          t.truth().addFile(f);
        }
      }
      return t.truth();
    }
  }

  @Override
  public Judge judge(JudgeSpec spec, RunContext run) throws Exception {
    return new SimulatedJudge(truthOf(run), worldSeed(run), spec.errorRate());
  }

  @Override
  public ResponseValidator validator(JudgeSpec spec, RunContext run) throws Exception {
    return new SimulatedValidator(truthOf(run), worldSeed(run), spec.errorRate());
  }

  @Override
  public Generator generator(GeneratorSpec spec, RunContext run) throws Exception {
    return new SimulatedGenerator(
        new WorldGenerator(WorldSeeds.config(runSpec(run).data().world())), truthOf(run));
  }

  @Override
  public TruthIndex truth(RunContext run) throws Exception {
    Truth truth = truthOf(run);
    return new TruthIndex() {
      @Override
      public Optional<Boolean> labelCorrect(Sample s) {
        TruthRecord t = truth.get(s.id());
        if (t == null && s.provenance().parentId() != null) {
          t = truth.get(s.provenance().parentId()); // a repeated failure shares its parent's truth
        }
        return t == null ? Optional.empty() : Optional.of(Truth.correct(s.label(), t, s.tools()));
      }

      @Override
      public Optional<JsonNode> record(String sampleId) {
        TruthRecord t = truth.get(sampleId);
        if (t == null) {
          return Optional.empty();
        }
        try {
          return Optional.of(Json.parse(Truth.toJson(t)));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  /** Every truth file of the run: the world's, then each iteration's expansion truth in order. */
  static List<java.nio.file.Path> truthFiles(RunContext run) throws IOException {
    ArtifactStore store = run.store();
    RunLayout layout = new RunLayout(run.runId());
    List<java.nio.file.Path> files = new ArrayList<>();
    files.add(store.path(run.truthKey() != null ? run.truthKey() : SeedWorld.truthKey(layout)));
    for (int j = 1; j <= run.iteration(); j++) {
      for (String k : store.list(layout.iteration(j).expandDir())) {
        if (RunLayout.isExpandTruth(k)) {
          files.add(store.path(k));
        }
      }
    }
    return files;
  }

  static RunSpec runSpec(RunContext run) throws IOException {
    String key = new RunLayout(run.runId()).manifest();
    JsonNode m = Json.MAPPER.readTree(run.store().path(key).toFile());
    RunSpec spec = Json.MAPPER.treeToValue(m.get("spec"), RunSpec.class);
    if (spec == null || spec.data() == null || spec.data().world() == null) {
      throw new IOException(
          key + ": the manifest records no synthetic world; the simulated roles need one");
    }
    return spec.withDefaults();
  }

  static long worldSeed(RunContext run) throws IOException {
    return runSpec(run).data().world().seed();
  }
}

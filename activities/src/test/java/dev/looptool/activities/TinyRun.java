package dev.looptool.activities;

import dev.looptool.activities.backends.ModelBackends;
import dev.looptool.activities.backends.RoutingBackends;
import dev.looptool.activities.backends.SimulatedBackends;
import dev.looptool.activities.backends.WorldSeeds;
import dev.looptool.activities.cpu.CpuActivitiesImpl;
import dev.looptool.activities.gpu.GpuActivitiesImpl;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.core.store.Sha256;
import dev.looptool.workflows.spec.DataSpec;
import dev.looptool.workflows.spec.ExecutionSpec;
import dev.looptool.workflows.spec.JudgeSpec;
import dev.looptool.workflows.spec.PolicySpec;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.spec.WorldSpec;
import dev.looptool.workflows.stages.ProbeShardRequest;
import dev.looptool.workflows.stages.ProbeShardResult;
import dev.looptool.workflows.stages.SeedRequest;
import dev.looptool.workflows.stages.SeedResult;
import dev.looptool.workflows.stages.ShardRef;
import dev.looptool.workflows.stages.TrainRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A tiny run built once per test JVM and copied into each test's store: world seed data and D_1
 * ({@code CpuActivitiesImpl.prepareSeed}), an SFT warm-up π_0 (a few steps of a one-layer model)
 * and iteration 1's probe shard 0, all made by the real activity implementations. Building it takes
 * about ten seconds on two shared cores; copying it is cheap, so every resume test starts from the
 * same bytes.
 */
public final class TinyRun {
  public static final String RUN_ID = "tiny";

  /** Samples per probe shard: two probe chunks (64 and 36). */
  public static final int SHARD_SIZE = 100;

  public static final RunLayout LAYOUT = new RunLayout(RUN_ID);
  public static final String SFT_CHECKPOINT = LAYOUT.sftCheckpoint();

  private static TinyRun built;

  /** Where the template run lies; tests copy it, never write into it. */
  public final Path root;

  public final RunSpec spec;
  public final SeedResult seed;

  /** What the uninterrupted probe of shard 0 found. */
  public final ProbeShardResult probed;

  private TinyRun(Path root, RunSpec spec, SeedResult seed, ProbeShardResult probed) {
    this.root = root;
    this.spec = spec;
    this.seed = seed;
    this.probed = probed;
  }

  /**
   * The tiny policy: SFT and GRPO settings small enough for a unit test on two shared cores.
   * Answers are cut at 16 tokens, so most probes mismatch: the judge test needs several chunks of
   * mismatches, not good answers.
   */
  public static PolicySpec policy(int sftSteps, int grpoSteps, int checkpointEvery) {
    return new PolicySpec(
        PolicySpec.BUILTIN,
        sftSteps,
        grpoSteps,
        4,
        4,
        1.0,
        1e-3,
        0.2,
        0.28,
        0.0,
        1,
        checkpointEvery,
        16,
        5L,
        new PolicySpec.ModelSpec(32, 1, 2, 300, 160, 3, 4),
        null,
        null,
        null,
        null,
        null);
  }

  public static RunSpec spec() {
    WorldSpec world = new WorldSpec(3L, 10, 400, 40, 0.15, null, null, null);
    return new RunSpec(
            "tiny",
            1,
            new DataSpec(DataSpec.WORLD, world, null, null, null, null, null, null),
            policy(4, 3, 1),
            null,
            null,
            null,
            null,
            new ExecutionSpec(SHARD_SIZE, 2, null, null, null, false))
        .withDefaults();
  }

  /** The backends a worker builds: the synthetic world's roles. */
  public static ModelBackends backends() {
    SimulatedBackends simulated = new SimulatedBackends();
    return new RoutingBackends(Map.of(JudgeSpec.SIMULATED, simulated), simulated);
  }

  /** Builds the template on first use (outside any activity, so nothing heartbeats). */
  public static synchronized TinyRun get() {
    if (built == null) {
      try {
        Path root = Files.createTempDirectory("looptool-tinyrun-");
        LocalArtifactStore store = new LocalArtifactStore(root);
        RunSpec spec = spec();
        SeedResult seed =
            new CpuActivitiesImpl(store, new WorldSeeds(), backends())
                .prepareSeed(new SeedRequest(RUN_ID, spec));
        GpuActivitiesImpl gpu = new GpuActivitiesImpl(store, null, null);
        gpu.train(
            new TrainRequest(
                RUN_ID, 0, "sft", seed.firstTrain().key(), null, SFT_CHECKPOINT, spec.policy()));
        ProbeShardResult probed = gpu.probeShard(probeRequest(seed, spec, 0));
        built = new TinyRun(root, spec, seed, probed);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return built;
  }

  public static ProbeShardRequest probeRequest(SeedResult seed, RunSpec spec, int shard) {
    return new ProbeShardRequest(
        new ShardRef(RUN_ID, 1, shard),
        seed.firstTrain().key(),
        SFT_CHECKPOINT,
        SHARD_SIZE,
        spec.policy());
  }

  /** Copies the template into {@code dir}, leaving out the keys under the given prefixes. */
  public LocalArtifactStore copyInto(Path dir, String... without) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String key = root.relativize(f).toString().replace('\\', '/');
        if (Files.isDirectory(f) || Stream.of(without).anyMatch(key::startsWith)) {
          continue;
        }
        Path to = dir.resolve(key);
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LocalArtifactStore(dir);
  }

  /** The sha256 of every file under {@code dir}, by path relative to it. */
  public static Map<String, String> hashes(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          out.put(
              dir.relativize(f).toString().replace('\\', '/'), Sha256.of(Files.readAllBytes(f)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary directory is harmless.
    }
  }
}

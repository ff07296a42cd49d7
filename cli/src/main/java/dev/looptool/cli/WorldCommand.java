package dev.looptool.cli;

import dev.looptool.core.agent.Shape;
import dev.looptool.world.NoiseKind;
import dev.looptool.world.Reject;
import dev.looptool.world.WorldConfig;
import dev.looptool.world.WorldFiles;
import dev.looptool.world.WorldGenerator;
import dev.looptool.world.WorldSample;
import dev.looptool.world.WorldSink;
import dev.looptool.world.WorldStats;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code looptool world ...}: generate a synthetic world, benchmark the generator. */
@Command(
    name = "world",
    mixinStandardHelpOptions = true,
    description =
        "The synthetic world: tools, simulated dialogues, noisy seed pool, clean test set, truth.",
    subcommands = {WorldCommand.Generate.class, WorldCommand.Bench.class})
public final class WorldCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The options that decide a world. */
  static final class WorldOptions {
    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "World seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
        names = "--tools",
        defaultValue = "" + WorldConfig.DEFAULT_TOOLS,
        description = "Tools to synthesise (default: ${DEFAULT-VALUE}).")
    int tools;

    @Option(
        names = "--noise",
        defaultValue = "" + WorldConfig.DEFAULT_NOISE,
        description = "Label noise rate of the seed pool, 0..1 (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(
        names = "--noise-mix",
        description =
            "Noise kinds and weights, e.g. wrong_value=2,wrong_tool=1 (default: all six equally): "
                + "wrong_value, missing_required, extra_parameter, wrong_tool, swapped_arguments, wrong_type.")
    String noiseMix;

    @Option(
        names = "--shape-mix",
        description =
            "Dialogue shapes and weights (default: single=0.35,parallel=0.2,multi_step=0.2,clarify=0.15,no_tool=0.1).")
    String shapeMix;

    @Option(
        names = "--distractors",
        defaultValue = "1",
        description = "Tools offered beyond the needed ones (default: ${DEFAULT-VALUE}).")
    int distractors;

    @Option(
        names = "--history",
        defaultValue = "6",
        description = "History window in messages (default: ${DEFAULT-VALUE}).")
    int history;

    @Option(
        names = "--prior-exchanges",
        defaultValue = "0",
        description = "Finished exchanges before each request (default: ${DEFAULT-VALUE}).")
    int prior;

    @Option(
        names = "--result-schemas",
        description = "Include each tool's result schema in the sample prompts.")
    boolean resultSchemas;

    @Option(
        names = "--no-param-descriptions",
        description =
            "Leave parameter descriptions out of sample prompts (tools.jsonl keeps them).")
    boolean noParamDescriptions;

    @Option(
        names = "--slip-rate",
        defaultValue = "0.01",
        description =
            "Rate of rule-visible assistant mistakes that verification rejects (default: ${DEFAULT-VALUE}).")
    double slipRate;

    WorldConfig config(int train, int test) {
      Map<NoiseKind, Double> nm =
          noiseMix == null ? null : WorldConfig.parseMix(noiseMix, NoiseKind.class);
      Map<Shape, Double> sm = shapeMix == null ? null : WorldConfig.parseMix(shapeMix, Shape.class);
      return WorldConfig.defaults(seed)
          .withTools(tools)
          .withCounts(train, test)
          .withNoise(noise, nm)
          .withShapeMix(sm)
          .withPrompt(distractors, history, prior, resultSchemas)
          .withSlipRate(slipRate)
          .withParameterDescriptions(!noParamDescriptions);
    }
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description =
          "Write tools.jsonl, pool.jsonl, test.jsonl, truth.jsonl, rejects.jsonl and stats.json to --out.")
  static final class Generate implements Callable<Integer> {
    @Mixin WorldOptions world;

    @Option(
        names = "--train",
        defaultValue = "" + WorldConfig.DEFAULT_TRAIN,
        description = "Seed-pool samples (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(
        names = "--test",
        defaultValue = "" + WorldConfig.DEFAULT_TEST,
        description = "Held-out test samples (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      WorldConfig config;
      try {
        config = world.config(train, test);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("world generate: " + e.getMessage());
        return 2;
      }
      WorldStats stats;
      try {
        stats = WorldFiles.write(new WorldGenerator(config), out);
      } catch (IllegalStateException e) {
        spec.commandLine().getErr().println("world generate: " + e.getMessage());
        return 1;
      }
      var o = spec.commandLine().getOut();
      o.printf(
          Locale.ROOT,
          "wrote %s: %d tools, %d pool samples (%d noisy, %d of them invalid by rules), %d test samples, %d rejected dialogues%n",
          out,
          config.tools(),
          stats.count(dev.looptool.world.Split.POOL),
          stats.noisyTotal(),
          stats.noiseInvalid(),
          stats.count(dev.looptool.world.Split.TEST),
          stats.rejectCount());
      return 0;
    }
  }

  @Command(
      name = "bench",
      mixinStandardHelpOptions = true,
      description =
          "Measure generation speed on one thread: samples per second (wall clock and CPU time) for --samples samples, with and without JSON encoding.")
  static final class Bench implements Callable<Integer> {
    static final double GOAL = 20_000;

    @Mixin WorldOptions world;

    @Option(
        names = "--samples",
        defaultValue = "100000",
        description = "Samples to generate (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(
        names = "--warmup",
        defaultValue = "20000",
        description = "Samples generated first to warm up the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      var o = spec.commandLine().getOut();
      if (warmup > 0) {
        run(world.config(warmup, 0).withSeed(world.seed + 1), false);
      }
      long[] plain = run(world.config(samples, 0), false);
      long[] encoded = run(world.config(samples, 0), true);
      o.printf(
          Locale.ROOT,
          "world bench: %d samples, seed %d, %d tools, noise %.2f, one thread%n",
          samples,
          world.seed,
          world.tools,
          world.noise);
      line(o, "generate + verify + noise:         ", plain);
      line(o, "... + encode sample and truth JSON:", encoded);
      o.printf(
          Locale.ROOT,
          "  (%.1f MB of JSON encoded; wall rate includes waiting for a core on a loaded machine; CPU rate divides by the JVM's CPU time, GC and JIT included)%n",
          encoded[2] / 1e6);
      o.printf(
          Locale.ROOT,
          "  load average at the end: %.2f on %d cores%n",
          BenchMachine.loadAverage(),
          Runtime.getRuntime().availableProcessors());
      return 0;
    }

    private void line(java.io.PrintWriter o, String what, long[] r) {
      double wall = samples / (r[0] / 1e9);
      double cpu = r[1] > 0 ? samples / (r[1] / 1e9) : Double.NaN;
      o.printf(
          Locale.ROOT,
          "  %s %9.0f samples/s wall (%.2fx the goal of %.0f/s), %9.0f samples/s of CPU (%.2fx)%n",
          what,
          wall,
          wall / GOAL,
          GOAL,
          cpu,
          cpu / GOAL);
    }

    /** Wall nanoseconds, process CPU nanoseconds spent (0 when unknown), bytes encoded. */
    private static long[] run(WorldConfig config, boolean encode) throws Exception {
      WorldGenerator g = new WorldGenerator(config);
      long[] bytes = {0};
      var devNull =
          new java.io.OutputStream() {
            @Override
            public void write(int b) {
              bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
              bytes[0] += len;
            }
          };
      var gen = dev.looptool.core.json.Json.MAPPER.getFactory().createGenerator(devNull);
      long c0 = BenchMachine.processCpuNanos();
      long t0 = System.nanoTime();
      g.generate(
          new WorldSink() {
            @Override
            public void sample(WorldSample s) throws java.io.IOException {
              if (encode) {
                dev.looptool.core.io.SampleJson.write(s.sample(), gen);
                dev.looptool.world.Truth.write(s.truth(), gen);
              }
            }

            @Override
            public void reject(Reject r) {}
          });
      gen.flush();
      long wall = System.nanoTime() - t0;
      long c1 = BenchMachine.processCpuNanos();
      return new long[] {wall, c0 < 0 || c1 < 0 ? 0 : c1 - c0, bytes[0]};
    }
  }
}

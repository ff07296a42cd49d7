package dev.looptool.cli;

import dev.looptool.core.io.JsonlWriter;
import dev.looptool.core.validate.FileValidation;
import dev.looptool.world.Reject;
import dev.looptool.world.WorldConfig;
import dev.looptool.world.WorldGenerator;
import dev.looptool.world.WorldSample;
import dev.looptool.world.WorldSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code looptool data bench}: JSON Lines throughput on realistic samples. Samples come from the
 * synthetic world as a stream (they are never all in memory); the write figure times only encoding
 * and writing, the read figure decoding, structural and schema validation of every line.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Generates realistic samples with the synthetic world, writes them as JSON Lines, then reads and",
      "validates them (a first pass warms the JIT, the second is measured); prints MB/s for each direction",
      "and the peak heap. Goal: >= 100 MB/s read+validate",
      "with -Xmx256m (run with LOOPTOOL_JAVA_OPTS=-Xmx256m)."
    })
public final class DataBenchCommand implements Callable<Integer> {
  @Option(
      names = "--samples",
      defaultValue = "100000",
      description = "Samples to generate (default ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--threads", description = "Validation threads (default: available processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Mixin BenchDir dir;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "World seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    return dir.run("looptool-data-bench", this::bench);
  }

  private int bench(Path work) throws Exception {
    Path file = work.resolve("bench.jsonl");
    long[] writeNanos = {0};
    long written;
    try (JsonlWriter w =
        new JsonlWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      WorldGenerator world =
          new WorldGenerator(
              WorldConfig.defaults(seed).withCounts(samples, 0).withNoise(0.0, null));
      world.generate(
          new WorldSink() {
            @Override
            public void sample(WorldSample s) throws IOException {
              long t = System.nanoTime();
              w.write(s.sample());
              writeNanos[0] += System.nanoTime() - t;
            }

            @Override
            public void reject(Reject r) {
              // rejected dialogues are not samples; the world's own tests cover them
            }
          });
      long t = System.nanoTime();
      w.flush();
      writeNanos[0] += System.nanoTime() - t;
      written = w.count();
    }
    long bytes = Files.size(file);
    // The first pass includes compiling the decoder (JIT); the measured pass is the second.
    long c0 = System.nanoTime();
    FileValidation.validate(file, threads, p -> {});
    long coldNanos = System.nanoTime() - c0;
    System.gc();
    HeapPeaks.reset();
    long t0 = System.nanoTime();
    FileValidation.Counts c = FileValidation.validate(file, threads, p -> {});
    long readNanos = System.nanoTime() - t0;
    double mb = bytes / 1e6;
    System.out.printf(
        Locale.ROOT,
        "samples: %d (%.1f MB, %.0f bytes/sample), %d valid, %d problem(s)%n",
        written,
        mb,
        (double) bytes / Math.max(1, written),
        c.validSamples(),
        c.problems());
    System.out.printf(
        Locale.ROOT,
        "write (encode + write):          %8.1f MB/s  (%.2f s)%n",
        mb / (writeNanos[0] / 1e9),
        writeNanos[0] / 1e9);
    System.out.printf(
        Locale.ROOT,
        "read + validate, first pass:     %8.1f MB/s  (%.2f s, includes JIT compilation)%n",
        mb / (coldNanos / 1e9),
        coldNanos / 1e9);
    System.out.printf(
        Locale.ROOT,
        "read + validate (%d threads):    %8.1f MB/s  (%.2f s)  goal >= 100 MB/s: %s%n",
        threads,
        mb / (readNanos / 1e9),
        readNanos / 1e9,
        mb / (readNanos / 1e9) >= 100 ? "met" : "missed");
    System.out.printf(
        Locale.ROOT,
        "peak heap during read + validate: %.1f MB (max heap %.0f MB)%n",
        HeapPeaks.bytes() / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6);
    return c.problems() == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }
}

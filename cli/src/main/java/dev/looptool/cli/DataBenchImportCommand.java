package dev.looptool.cli;

import dev.looptool.core.format.LoopToolRecords;
import dev.looptool.core.interop.DatasetExport;
import dev.looptool.core.interop.DatasetFormats;
import dev.looptool.core.interop.DatasetImport;
import dev.looptool.core.io.JsonlWriter;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.world.WorldConfig;
import dev.looptool.world.WorldGenerator;
import dev.looptool.world.WorldSample;
import dev.looptool.world.WorldSink;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code looptool data bench-import}: the import of a file the size and shape of the authors'
 * released LoopTool-23k ({@code LoopTool_grpo_training_data.json}: 23,040 records, mean ~17.5k
 * characters, longest ~73k). Records are built from synthetic-world samples, grown with more tools
 * and earlier turns to a log-normal length (mean 17.5k, capped at 73k), written as the authors'
 * JSON array (indent=2), then imported once and timed; the peak heap shows whether memory grows
 * with the file.
 */
@Command(
    name = "bench-import",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a file in the shape of the authors' LoopTool-23k release (a JSON array of 23,040",
      "records, mean 17.5k characters) and imports it, printing records/s, MB/s and the peak heap.",
      "Goal: peak heap under 512 MB; run with LOOPTOOL_JAVA_OPTS=-Xmx512m to hold it to that."
    })
public final class DataBenchImportCommand implements Callable<Integer> {
  static final double MEAN_CHARS = 17_500;
  static final int MAX_CHARS = 73_000;
  static final double SIGMA = 0.6;

  @Option(
      names = "--records",
      defaultValue = "23040",
      description = "Records to generate (default ${DEFAULT-VALUE}).")
  int records;

  @Mixin BenchDir dir;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Seed of the world and the lengths (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    return dir.run("looptool-import-bench", this::bench);
  }

  private int bench(Path work) throws Exception {
    Path samples = work.resolve("generated.jsonl");
    Path released = work.resolve("LoopTool_grpo_training_data.json");
    Path imported = work.resolve("imported.jsonl");
    long[] chars = generate(samples);
    try (OutputStream out = Files.newOutputStream(released)) {
      DatasetExport.run(
          samples,
          DatasetFormats.byName("looptool"),
          true,
          out,
          OutputStream.nullOutputStream(),
          e -> {
            throw new IllegalStateException(e.toString());
          });
    }
    Files.delete(samples);
    double mb = Files.size(released) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "records: %d in %s (%.1f MB), characters per record: mean %.0f, longest %d%n",
        records,
        released.getFileName(),
        mb,
        (double) chars[0] / records,
        chars[1]);
    System.gc();
    HeapPeaks.reset();
    long t0 = System.nanoTime();
    DatasetImport.Summary s;
    try (OutputStream out = Files.newOutputStream(imported)) {
      s =
          DatasetImport.run(
              released, null, "looptool", out, OutputStream.nullOutputStream(), e -> {});
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    long peak = HeapPeaks.bytes();
    System.out.println(s.line());
    System.out.printf(
        Locale.ROOT,
        "import: %.0f records/s, %.1f MB/s (%.1f s)%n",
        s.records() / secs,
        mb / secs,
        secs);
    System.out.printf(
        Locale.ROOT,
        "peak heap during import: %.1f MB (max heap %.0f MB)  goal < 512 MB: %s%n",
        peak / 1e6,
        Runtime.getRuntime().maxMemory() / 1e6,
        peak < 512e6 ? "met" : "missed");
    return s.rejected() == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }

  /**
   * Writes the grown samples; returns the total and the longest record length in characters of
   * instruction, input and output.
   */
  private long[] generate(Path out) throws Exception {
    List<WorldSample> generated = new ArrayList<>();
    new WorldGenerator(
            WorldConfig.defaults(seed).withTools(200).withCounts(4000, 0).withNoise(0.0, null))
        .generate(WorldSink.collecting(generated, new ArrayList<>()));
    List<Sample> pool = generated.stream().map(WorldSample::sample).toList();
    Random random = new Random(seed);
    double mu = Math.log(MEAN_CHARS) - SIGMA * SIGMA / 2;
    long total = 0;
    long longest = 0;
    try (JsonlWriter w = new JsonlWriter(Files.newOutputStream(out))) {
      for (int i = 0; i < records; i++) {
        int target = (int) Math.min(MAX_CHARS, Math.exp(mu + SIGMA * random.nextGaussian()));
        Sample s = grow(pool, random, target, "bench-" + i);
        int len = length(s);
        total += len;
        longest = Math.max(longest, len);
        w.write(s);
      }
    }
    return new long[] {total, longest};
  }

  /**
   * A sample of about {@code target} characters: one world sample, with tools and completed earlier
   * exchanges of other samples added in turn until the rendered record is long enough.
   */
  static Sample grow(List<Sample> pool, Random random, int target, String id) {
    Sample last = pool.get(random.nextInt(pool.size()));
    Map<String, ToolSpec> tools = new LinkedHashMap<>();
    last.tools().forEach(t -> tools.put(t.name(), t));
    List<Message> history = new ArrayList<>();
    Sample s = last.withId(id);
    int length = length(s);
    for (int step = 0; length < target && step < 200; step++) {
      Sample other = pool.get(random.nextInt(pool.size()));
      if (!compatible(tools, other.tools())) {
        continue;
      }
      Map<String, ToolSpec> moreTools = new LinkedHashMap<>(tools);
      other.tools().forEach(t -> moreTools.putIfAbsent(t.name(), t));
      List<Message> moreHistory = new ArrayList<>(history);
      if (step % 2 == 1 && !other.label().isText()) {
        // A finished exchange: the request, the calls, their results and a short answer.
        moreHistory.addAll(other.messages().stream().filter(m -> m.role() != Role.SYSTEM).toList());
        moreHistory.add(Message.assistant(other.label().calls()));
        other
            .label()
            .calls()
            .forEach(c -> moreHistory.add(Message.tool(c.name(), "{\"ok\": true}")));
        moreHistory.add(Message.assistant("Done."));
      }
      List<Message> messages = new ArrayList<>(moreHistory);
      messages.addAll(last.messages());
      Sample grown =
          new Sample(
              id,
              new ArrayList<>(moreTools.values()),
              messages,
              last.label(),
              last.provenance(),
              null);
      int grownLength = length(grown);
      // Keep whichever is nearer the target, never past the longest released record.
      if (grownLength > MAX_CHARS || grownLength - target > target - length) {
        break;
      }
      tools.clear();
      tools.putAll(moreTools);
      history = moreHistory;
      s = grown;
      length = grownLength;
    }
    return s;
  }

  private static boolean compatible(Map<String, ToolSpec> have, List<ToolSpec> more) {
    for (ToolSpec t : more) {
      ToolSpec same = have.get(t.name());
      if (same != null && !same.equals(t)) {
        return false;
      }
    }
    return true;
  }

  private static int length(Sample s) {
    LoopToolRecords.Record r = LoopToolRecords.toRecord(s);
    return r.instruction().length() + r.input().length() + r.output().length();
  }
}

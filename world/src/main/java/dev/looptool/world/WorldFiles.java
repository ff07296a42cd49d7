package dev.looptool.world;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.ToolSpec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes a world to a directory: tools.jsonl, pool.jsonl (noisy seed pool), test.jsonl (clean
 * held-out test), truth.jsonl, rejects.jsonl and stats.json. Each file is written under a temporary
 * name and renamed into place only when generation finished, so a reader never sees a partial world
 * file.
 */
public final class WorldFiles {
  public static final String TOOLS = "tools.jsonl";
  public static final String POOL = "pool.jsonl";
  public static final String TEST = "test.jsonl";
  public static final String TRUTH = "truth.jsonl";
  public static final String REJECTS = "rejects.jsonl";
  public static final String STATS = "stats.json";

  private WorldFiles() {}

  /** Generates the world into {@code dir} and returns its stats. */
  public static WorldStats write(WorldGenerator world, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path[]> moves = new ArrayList<>();
    WorldStats stats;
    try {
      try (Out tools = new Out(dir, TOOLS, moves);
          Out pool = new Out(dir, POOL, moves);
          Out test = new Out(dir, TEST, moves);
          Out truth = new Out(dir, TRUTH, moves);
          Out rejects = new Out(dir, REJECTS, moves)) {
        for (ToolSpec t : world.tools()) {
          SampleJson.writeTool(t, tools.g);
        }
        stats = world.generate(new FileSink(pool.g, test.g, truth.g, rejects.g));
      }
      try (Out st = new Out(dir, STATS, moves)) {
        st.g.setPrettyPrinter(new DefaultPrettyPrinter());
        st.g.writeTree(stats.toJson(world.config()));
      }
    } catch (IOException | RuntimeException | Error e) {
      for (Path[] m : moves) {
        Files.deleteIfExists(m[0]);
      }
      throw e;
    }
    // Renamed only once every file is complete.
    for (Path[] m : moves) {
      move(m[0], m[1]);
    }
    return stats;
  }

  /** Streams samples to pool or test, truth to the truth file, rejects to the rejects file. */
  private record FileSink(
      JsonGenerator pool, JsonGenerator test, JsonGenerator truth, JsonGenerator rejects)
      implements WorldSink {
    @Override
    public void sample(WorldSample s) throws IOException {
      SampleJson.write(s.sample(), s.truth().split() == Split.TEST ? test : pool);
      Truth.write(s.truth(), truth);
    }

    @Override
    public void reject(Reject r) throws IOException {
      writeReject(r, rejects);
    }
  }

  /** One rejects.jsonl line: dialogue, split, shape, field, reason and the failing sample. */
  public static void writeReject(Reject r, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("dialogue", r.dialogueId());
    g.writeStringField("split", r.split().wireName());
    if (r.shape() != null) {
      g.writeStringField("shape", r.shape().wireName());
    }
    g.writeStringField("field", r.field());
    g.writeStringField("reason", r.reason());
    if (r.sample() != null) {
      g.writeFieldName("sample");
      SampleJson.write(r.sample(), g);
    }
    g.writeEndObject();
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** One output: a JSON Lines generator on a temporary file in the target directory. */
  private static final class Out implements AutoCloseable {
    final JsonGenerator g;
    private final OutputStream out;

    Out(Path dir, String name, List<Path[]> moves) throws IOException {
      Path tmp = dir.resolve("." + name + ".tmp-" + UUID.randomUUID());
      moves.add(new Path[] {tmp, dir.resolve(name)});
      this.out =
          new BufferedOutputStream(
              Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              1 << 16);
      this.g = Json.MAPPER.getFactory().createGenerator(out);
      this.g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    }

    @Override
    public void close() throws IOException {
      if (g.getOutputContext().getEntryCount() > 0) {
        g.writeRaw('\n');
      }
      g.close();
      out.close();
    }
  }
}

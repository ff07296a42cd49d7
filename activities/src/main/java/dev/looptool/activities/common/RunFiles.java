package dev.looptool.activities.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.JsonlWriter;
import dev.looptool.core.io.LineError;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import dev.looptool.core.store.ArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reading and writing sample files in the artifact store. */
public final class RunFiles {
  private RunFiles() {}

  /**
   * Reads samples [from, to) of a file by position; a bad line is non-retryable bad input. Lines
   * before the range are only split, not decoded, and reading stops at its end, so a shard costs
   * what its own samples cost.
   */
  public static List<Sample> readRange(ArtifactStore store, String key, long from, long to) {
    List<Sample> out = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    String name = store.path(key).toString();
    long index = 0;
    try (JsonlReader r = JsonlReader.rawLines(store.path(key))) {
      while (index < to && r.hasNext()) {
        JsonlReader.Line line = r.next();
        if (index++ < from) {
          continue;
        }
        SampleReader.Entry e = SampleReader.decode(name, line);
        if (e.ok()) {
          out.add(e.sample());
        } else {
          errors.add(e.error());
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("reading " + key, e);
    }
    if (!errors.isEmpty()) {
      throw new BadDataException(errors);
    }
    return out;
  }

  public static List<Sample> readAll(ArtifactStore store, String key) {
    return readRange(store, key, 0, Long.MAX_VALUE);
  }

  public static String writeSamples(ArtifactStore store, String key, Iterable<Sample> samples)
      throws IOException {
    return store.write(
        key,
        os -> {
          try (JsonlWriter w = new JsonlWriter(os)) {
            for (Sample s : samples) {
              w.write(s);
            }
          }
        });
  }

  /** Writes JSON records as a JSON Lines artifact, atomically. */
  public static String writeRecords(
      ArtifactStore store, String key, Iterable<? extends JsonNode> records) throws IOException {
    return store.write(
        key,
        os -> {
          try (JsonlWriter w = new JsonlWriter(os)) {
            for (JsonNode o : records) {
              w.write(o);
            }
          }
        });
  }

  /** Writes {@code value} as pretty-printed JSON (a summary, a manifest, an evaluation). */
  public static String writeJson(ArtifactStore store, String key, Object value) throws IOException {
    return store.write(
        key, os -> os.write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value)));
  }

  /** Writes {@code text} in UTF-8 (a report page). */
  public static String writeText(ArtifactStore store, String key, String text) throws IOException {
    return store.write(key, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** How many lines a JSON Lines artifact has; 0 when it does not exist. */
  public static long countLines(ArtifactStore store, String key) throws IOException {
    if (!store.exists(key)) {
      return 0;
    }
    long n = 0;
    try (JsonlReader r = JsonlReader.rawLines(store.path(key))) {
      while (r.hasNext()) {
        r.next();
        n++;
      }
    }
    return n;
  }
}

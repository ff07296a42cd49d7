package dev.looptool.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.model.Sample;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads samples from a JSON Lines file as a stream; a bad line never stops the reading: it comes
 * back as a {@link LineError} naming the file, line and field.
 */
public final class SampleReader implements Closeable {

  /** One line's outcome: a sample, or the error that line has. */
  public record Entry(long line, Sample sample, LineError error) {
    public boolean ok() {
      return error == null;
    }
  }

  private final JsonlReader lines;
  private final String name;

  private SampleReader(JsonlReader lines, String name) {
    this.lines = lines;
    this.name = name;
  }

  public static SampleReader open(Path file) throws IOException {
    return new SampleReader(JsonlReader.rawLines(file), file.toString());
  }

  public boolean hasNext() {
    return lines.hasNext();
  }

  public Entry next() {
    return decode(name, lines.next());
  }

  /**
   * Decodes one line (raw bytes, or already parsed JSON) into a sample or an error; usable from any
   * thread.
   */
  public static Entry decode(String file, JsonlReader.Line l) {
    if (!l.ok()) {
      return new Entry(l.number(), null, new LineError(file, l.number(), "$", l.error()));
    }
    if (l.json() != null) {
      return decode(file, l.number(), l.json());
    }
    try {
      return new Entry(l.number(), SampleJson.read(l.bytes(), 0, l.length()), null);
    } catch (SampleBytes.SyntaxException e) {
      return new Entry(l.number(), null, new LineError(file, l.number(), "$", e.getMessage()));
    } catch (FormatException e) {
      return new Entry(
          l.number(), null, new LineError(file, l.number(), e.field(), e.getMessage()));
    }
  }

  public static Entry decode(String file, long line, JsonNode json) {
    try {
      return new Entry(line, SampleJson.read(json), null);
    } catch (FormatException e) {
      return new Entry(line, null, new LineError(file, line, e.field(), e.getMessage()));
    }
  }

  /** Streams every sample of a file to {@code onSample} and every bad line to {@code onError}. */
  public static void forEach(Path file, Consumer<Sample> onSample, Consumer<LineError> onError)
      throws IOException {
    try (SampleReader r = open(file)) {
      while (r.hasNext()) {
        Entry e = r.next();
        if (e.ok()) {
          onSample.accept(e.sample());
        } else {
          onError.accept(e.error());
        }
      }
    }
  }

  /**
   * Reads a whole file that must be clean; throws {@link BadDataException} listing the first
   * problems when any line is bad. For files the product wrote itself or that were validated.
   */
  public static List<Sample> readAll(Path file) throws IOException {
    List<Sample> out = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    forEach(file, out::add, errors::add);
    if (!errors.isEmpty()) {
      throw new BadDataException(errors);
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}

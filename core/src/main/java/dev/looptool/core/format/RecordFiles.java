package dev.looptool.core.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import dev.looptool.core.json.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads files of JSON records that come either as one JSON array (as the authors' released files
 * and most fine-tuning frameworks ship them) or as JSON Lines, streaming either way.
 */
public final class RecordFiles {
  private RecordFiles() {}

  /** Receives each record with its 1-based position in the file and the line it starts on. */
  public interface RecordSink {
    void accept(long index, long line, JsonNode record) throws IOException;
  }

  /**
   * Streams every record; syntax errors go to {@code onError} (a broken array ends the reading).
   */
  public static void forEach(
      Path file, RecordSink sink, java.util.function.Consumer<LineError> onError)
      throws IOException {
    String name = file.toString();
    if (startsWithArray(file)) {
      try (InputStream in = Files.newInputStream(file);
          JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
        p.nextToken(); // START_ARRAY
        long index = 0;
        while (true) {
          JsonToken t;
          try {
            t = p.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) {
              return;
            }
            long line = p.currentTokenLocation().getLineNr();
            JsonNode node = Json.MAPPER.readTree(p);
            sink.accept(++index, line, node);
          } catch (JsonProcessingException e) {
            onError.accept(
                new LineError(
                    name,
                    // A broken limit (nesting too deep) has no location: the parser's is close.
                    (e.getLocation() == null ? p.currentLocation() : e.getLocation()).getLineNr(),
                    "$",
                    "malformed JSON: "
                        + e.getOriginalMessage()
                        + " (the rest of the array cannot be read)"));
            return;
          }
        }
      }
    }
    try (JsonlReader r = JsonlReader.open(file)) {
      long index = 0;
      while (r.hasNext()) {
        JsonlReader.Line l = r.next();
        index++;
        if (!l.ok()) {
          onError.accept(new LineError(name, l.number(), "$", l.error()));
          continue;
        }
        sink.accept(index, l.number(), l.json());
      }
    }
  }

  private static boolean startsWithArray(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      int b;
      while ((b = in.read()) >= 0) {
        if (b == 0xEF || b == 0xBB || b == 0xBF || Character.isWhitespace(b)) {
          continue; // UTF-8 BOM or whitespace
        }
        return b == '[';
      }
      return false;
    }
  }
}

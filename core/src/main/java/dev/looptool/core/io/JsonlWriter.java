package dev.looptool.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/** Writes JSON Lines: one compact JSON value per line, each line ending in '\n'. */
public final class JsonlWriter implements Closeable {
  private final OutputStream out;
  private final JsonGenerator g;
  private long count;

  public JsonlWriter(OutputStream out) throws IOException {
    this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
    this.g = Json.MAPPER.getFactory().createGenerator(this.out);
    // The root value separator is the newline that ends every line.
    this.g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
  }

  public void write(Sample s) throws IOException {
    SampleJson.write(s, g);
    count++;
  }

  public void write(JsonNode node) throws IOException {
    g.writeTree(node);
    count++;
  }

  /** Writes any value Jackson can serialise (records included) as one line. */
  public void writeValue(Object value) throws IOException {
    Json.MAPPER.writeValue(g, value);
    count++;
  }

  public long count() {
    return count;
  }

  public void flush() throws IOException {
    g.flush();
  }

  @Override
  public void close() throws IOException {
    if (count > 0) {
      g.writeRaw('\n');
    }
    g.close();
    out.close();
  }
}

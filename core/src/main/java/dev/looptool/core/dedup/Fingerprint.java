package dev.looptool.core.dedup;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Sample;
import dev.looptool.core.store.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The content identity of a sample for de-duplication: the sha256 of its conversation and label as
 * the sample codec writes them (not its tools, id, provenance or metadata), so two samples asking
 * the same thing with the same answer collide. Argument objects compare in their key order and
 * numbers as written: the codec keeps both, and so does this identity.
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static String of(Sample s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartArray();
      for (Message m : s.messages()) {
        SampleJson.writeMessage(m, g);
      }
      SampleJson.writeLabel(s.label(), g);
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Sha256.of(out.toByteArray());
  }
}

package dev.looptool.activities.common;

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
 * The content identity of a sample for de-duplication: its conversation and label (not its id,
 * provenance or metadata), so two samples asking the same thing with the same answer collide.
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

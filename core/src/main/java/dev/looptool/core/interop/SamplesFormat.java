package dev.looptool.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.model.Sample;
import java.util.List;

/** looptool's own sample JSON Lines ({@link SampleJson}); samples keep their ids. */
public final class SamplesFormat implements WritableFormat {
  public static final String NAME = "samples";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "looptool samples: {id, tools, messages, label, provenance, meta}";
  }

  @Override
  public boolean recognizes(JsonNode record) {
    return record != null && record.has("label") && record.has("messages");
  }

  @Override
  public List<Sample> read(JsonNode record, String id) throws FormatException {
    return List.of(SampleJson.read(record));
  }

  @Override
  public JsonNode write(Sample sample, long index) {
    return SampleJson.toTree(sample);
  }
}

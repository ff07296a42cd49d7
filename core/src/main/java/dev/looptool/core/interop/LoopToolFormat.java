package dev.looptool.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.format.LoopToolRecords;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.model.Sample;
import java.util.List;

/** The LoopTool authors' {@code {instruction, input, output}} records ({@link LoopToolRecords}). */
public final class LoopToolFormat implements WritableFormat {
  public static final String NAME = "looptool";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "the LoopTool authors' records {instruction, input, output}, as their converter writes them";
  }

  @Override
  public boolean recognizes(JsonNode record) {
    return record != null
        && record.has("instruction")
        && record.has("output")
        && !record.has("reward_model");
  }

  @Override
  public List<Sample> read(JsonNode record, String id) throws FormatException {
    Sample s = LoopToolRecords.toSample(LoopToolRecords.readRecord(record), id);
    s.meta().put("source", NAME);
    return List.of(s);
  }

  @Override
  public JsonNode write(Sample sample, long index) {
    return LoopToolRecords.toJson(LoopToolRecords.toRecord(sample));
  }
}

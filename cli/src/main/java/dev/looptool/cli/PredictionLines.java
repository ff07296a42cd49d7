package dev.looptool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.model.Sample;

/**
 * The fields of the input lines {@code {"sample": …, "prediction": "…"}} that {@code judge} and
 * {@code expand} share.
 */
final class PredictionLines {
  private PredictionLines() {}

  /** The line's sample; a problem inside it names its field under {@code sample}. */
  static Sample sample(JsonNode line) throws FormatException {
    if (!line.hasNonNull("sample")) {
      throw new FormatException("sample", "required: the sample in looptool's JSONL shape");
    }
    try {
      return SampleJson.read(line.get("sample"));
    } catch (FormatException e) {
      throw new FormatException(
          "$".equals(e.field()) ? "sample" : "sample." + e.field(), e.getMessage());
    }
  }

  /** The model's raw output the line carries. */
  static String prediction(JsonNode line) throws FormatException {
    JsonNode p = line.get("prediction");
    if (p == null || !p.isTextual()) {
      throw new FormatException("prediction", "required: the model's raw output as a string");
    }
    return p.textValue();
  }
}

package dev.looptool.core.judge;

import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.model.Sample;

/**
 * A mismatch to judge: the sample (tools, conversation, label), the model's raw prediction text and
 * its parse, and the iteration (simulated judges draw their errors per sample and iteration).
 */
public record JudgeRequest(
    Sample sample, String predictionText, ParsedOutput prediction, int iteration) {
  /** The request for a raw prediction, parsed as every judge stage parses it. */
  public static JudgeRequest of(Sample sample, String predictionText, int iteration) {
    return new JudgeRequest(sample, predictionText, HermesFormat.parse(predictionText), iteration);
  }
}

package dev.looptool.core.policy;

import dev.looptool.core.model.ToolCall;
import java.util.List;

/**
 * Greedy Capability Probing of one sample: the model's greedy output, the calls parsed from it (or
 * the parse error), the perplexity of its own output tokens, PPL = exp(-(1/L) Σ log p(o_i | ...)),
 * and whether it matched the label (mastered) under ToolMatch.
 */
public record ProbeResult(
    String id,
    String prediction,
    List<ToolCall> calls,
    String parseError,
    int tokens,
    double sumLogProb,
    double minLogProb,
    double ppl,
    boolean mastered) {
  public ProbeResult {
    calls = calls == null ? List.of() : List.copyOf(calls);
  }

  /**
   * PPL from a sum of natural-log probabilities over {@code tokens} output tokens (1.0 for none).
   */
  public static double perplexity(double sumLogProb, int tokens) {
    return tokens == 0 ? 1.0 : Math.exp(-sumLogProb / tokens);
  }
}

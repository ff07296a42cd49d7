package dev.looptool.policy.serve;

import java.util.List;

/**
 * One decoded answer as a server returns it: the text (EOS and anything from a stop string on
 * removed), the generated tokens with their log-probabilities (the EOS token included, as vLLM
 * reports it, so their sum is what probing sums), why decoding ended ({@code stop} or {@code
 * length}) and the prompt's length in model tokens.
 */
public record Generation(String text, List<Token> tokens, String finishReason, int promptTokens) {
  /**
   * A generated token: its text, log-probability, offset of its text in the answer and the most
   * likely alternatives at that step (empty unless asked for).
   */
  public record Token(String text, double logProb, int offset, List<Alternative> top) {}

  /** A candidate token at one step and its log-probability. */
  public record Alternative(String token, double logProb) {}

  public double sumLogProb() {
    double s = 0;
    for (Token t : tokens) {
      s += t.logProb();
    }
    return s;
  }
}

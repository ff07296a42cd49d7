package dev.looptool.activities.llm;

import java.util.List;

/**
 * The first choice of a text completion: its text, its tokens with their natural-log probabilities
 * (empty when none were asked for), the finish reason and the token usage.
 */
public record CompletionResult(
    String text,
    List<String> tokens,
    List<Double> tokenLogprobs,
    String finishReason,
    int promptTokens,
    int completionTokens) {
  public CompletionResult {
    text = text == null ? "" : text;
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
    tokenLogprobs = tokenLogprobs == null ? List.of() : List.copyOf(tokenLogprobs);
  }
}

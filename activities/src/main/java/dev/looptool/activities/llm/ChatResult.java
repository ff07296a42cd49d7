package dev.looptool.activities.llm;

import dev.looptool.core.model.ToolCall;
import java.util.List;

/**
 * The first choice of a chat completion: its text, the native tool calls (or why they could not be
 * read: {@code toolCallError}), the finish reason, the token usage the server reported and the
 * chosen tokens' natural-log probabilities (empty unless the request asked for {@code logprobs}).
 */
public record ChatResult(
    String content,
    List<ToolCall> toolCalls,
    String toolCallError,
    String finishReason,
    int promptTokens,
    int completionTokens,
    List<Double> tokenLogprobs) {
  public ChatResult {
    content = content == null ? "" : content;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    tokenLogprobs = tokenLogprobs == null ? List.of() : List.copyOf(tokenLogprobs);
  }
}

package dev.looptool.activities.llm;

import dev.looptool.core.model.ToolCall;
import java.util.List;

/**
 * The first choice of a chat completion: its text, the native tool calls (or why they could not be
 * read: {@code toolCallError}), the finish reason and the token usage the server reported.
 */
public record ChatResult(
    String content,
    List<ToolCall> toolCalls,
    String toolCallError,
    String finishReason,
    int promptTokens,
    int completionTokens) {
  public ChatResult {
    content = content == null ? "" : content;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }
}

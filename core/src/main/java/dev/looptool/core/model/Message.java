package dev.looptool.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One chat turn. An assistant turn may carry tool calls (and then usually no text); a tool turn
 * carries a tool's result in {@code content} and the tool's {@code name}.
 */
public record Message(
    Role role, String content, List<ToolCall> toolCalls, String name, String toolCallId) {
  public Message {
    Objects.requireNonNull(role, "role");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public static Message system(String content) {
    return new Message(Role.SYSTEM, content, List.of(), null, null);
  }

  public static Message user(String content) {
    return new Message(Role.USER, content, List.of(), null, null);
  }

  public static Message assistant(String content) {
    return new Message(Role.ASSISTANT, content, List.of(), null, null);
  }

  public static Message assistant(List<ToolCall> calls) {
    return new Message(Role.ASSISTANT, null, calls, null, null);
  }

  public static Message tool(String name, String content) {
    return new Message(Role.TOOL, content, List.of(), name, null);
  }

  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }
}

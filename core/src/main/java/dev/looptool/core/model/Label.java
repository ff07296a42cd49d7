package dev.looptool.core.model;

import java.util.List;

/**
 * What the assistant should answer: a list of tool calls, or (with no calls) a text answer such as
 * a clarifying question or a refusal. {@code text} may also accompany calls.
 */
public record Label(List<ToolCall> calls, String text) {
  public Label {
    calls = calls == null ? List.of() : List.copyOf(calls);
  }

  public static Label ofCalls(List<ToolCall> calls) {
    return new Label(calls, null);
  }

  public static Label ofText(String text) {
    return new Label(List.of(), text);
  }

  /** True when the label expects no tool call. */
  public boolean isText() {
    return calls.isEmpty();
  }
}

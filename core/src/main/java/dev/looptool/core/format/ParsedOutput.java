package dev.looptool.core.format;

import dev.looptool.core.model.ToolCall;
import java.util.List;

/**
 * A model output after parsing: the tool calls it makes and the text around them, or, when a call
 * block is malformed, the reason it could not be parsed. Never thrown, always returned.
 */
public record ParsedOutput(List<ToolCall> calls, String text, String error) {
  public ParsedOutput {
    calls = calls == null ? List.of() : List.copyOf(calls);
    text = text == null ? "" : text;
  }

  public static ParsedOutput ok(List<ToolCall> calls, String text) {
    return new ParsedOutput(calls, text, null);
  }

  public static ParsedOutput failure(String error, String text) {
    return new ParsedOutput(List.of(), text, error);
  }

  public boolean parsed() {
    return error == null;
  }
}

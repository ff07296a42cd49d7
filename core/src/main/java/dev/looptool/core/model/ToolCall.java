package dev.looptool.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import java.util.Objects;

/**
 * One call of a tool: its name and its arguments as an ordered JSON object. Treat the arguments as
 * immutable; {@link #withArguments} makes changed copies.
 */
public record ToolCall(String name, ObjectNode arguments) {
  public ToolCall {
    Objects.requireNonNull(name, "name");
    arguments = arguments == null ? Json.object() : arguments;
  }

  public static ToolCall of(String name, ObjectNode arguments) {
    return new ToolCall(name, arguments);
  }

  /** A copy of this call with a copy of its arguments for the caller to change. */
  public ToolCall withArguments(java.util.function.Consumer<ObjectNode> change) {
    ObjectNode copy = arguments.deepCopy();
    change.accept(copy);
    return new ToolCall(name, copy);
  }

  @Override
  public String toString() {
    return name + Json.compact(arguments);
  }
}

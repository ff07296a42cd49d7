package dev.looptool.core.model;

import java.util.Objects;

/**
 * A tool as OpenAI function calling describes it: a name, a description and a JSON Schema for its
 * parameters; {@code returns} optionally describes its result (the synthetic world uses it to
 * produce results that fit).
 */
public record ToolSpec(String name, String description, JsonSchema parameters, JsonSchema returns) {
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    parameters = parameters == null ? JsonSchema.emptyObject() : parameters;
  }

  public ToolSpec(String name, String description, JsonSchema parameters) {
    this(name, description, parameters, null);
  }
}

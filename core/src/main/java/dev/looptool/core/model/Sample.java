package dev.looptool.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import java.util.List;
import java.util.Objects;

/**
 * One training example: the tools offered, the conversation so far (the context), the expected
 * answer (label), where it came from (provenance) and free-form metadata (shape, domain, ...).
 */
public record Sample(
    String id,
    List<ToolSpec> tools,
    List<Message> messages,
    Label label,
    Provenance provenance,
    ObjectNode meta) {
  public Sample {
    Objects.requireNonNull(id, "id");
    tools = tools == null ? List.of() : List.copyOf(tools);
    messages = messages == null ? List.of() : List.copyOf(messages);
    Objects.requireNonNull(label, "label");
    provenance = provenance == null ? Provenance.seed() : provenance;
    meta = meta == null ? Json.object() : meta;
  }

  public Sample withLabel(Label newLabel, Provenance newProvenance) {
    return new Sample(id, tools, messages, newLabel, newProvenance, meta);
  }

  public Sample withId(String newId) {
    return new Sample(newId, tools, messages, label, provenance, meta);
  }

  /** The spec of the named tool among this sample's tools, or null. */
  public ToolSpec tool(String name) {
    for (ToolSpec t : tools) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}

package dev.looptool.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON Schema as tool specs use it, kept as the JSON it was read from (so nothing is lost on a
 * round trip, extension keywords included) with typed accessors for the keywords looptool
 * interprets: type, enum, items, properties, required, default, format.
 */
public final class JsonSchema {
  private final ObjectNode node;
  private volatile Map<String, JsonSchema> properties;

  private JsonSchema(ObjectNode node) {
    this.node = node;
  }

  /** Wraps a schema object; the node is copied, so later changes to it do not leak in. */
  public static JsonSchema of(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a JSON Schema must be an object, got " + node);
    }
    return new JsonSchema(((ObjectNode) node).deepCopy());
  }

  /** Wraps a node the caller promises never to change again (used by readers on fresh trees). */
  public static JsonSchema wrapOwned(ObjectNode node) {
    return new JsonSchema(Objects.requireNonNull(node));
  }

  /** An object schema with no properties: what a tool without parameters takes. */
  public static JsonSchema emptyObject() {
    ObjectNode n = Json.object();
    n.put("type", "object");
    n.set("properties", Json.object());
    return new JsonSchema(n);
  }

  public static Builder builder(String type) {
    return new Builder(type);
  }

  /** A read-only view of the schema JSON. Do not modify it. */
  public JsonNode node() {
    return node;
  }

  /** The declared types: empty when the schema has no "type", several when "type" is a list. */
  public List<String> types() {
    JsonNode t = node.get("type");
    if (t == null || t.isNull()) {
      return List.of();
    }
    if (t.isTextual()) {
      return List.of(t.textValue());
    }
    if (t.isArray()) {
      List<String> out = new ArrayList<>(t.size());
      for (JsonNode x : t) {
        out.add(x.asText());
      }
      return out;
    }
    return List.of(t.asText());
  }

  /** The first declared type, or null. */
  public String type() {
    List<String> t = types();
    return t.isEmpty() ? null : t.get(0);
  }

  public String description() {
    JsonNode d = node.get("description");
    return d == null || d.isNull() ? null : d.asText();
  }

  public String format() {
    JsonNode f = node.get("format");
    return f == null || f.isNull() ? null : f.asText();
  }

  /** The enum values, or null when the schema has no enum. */
  public List<JsonNode> enumValues() {
    JsonNode e = node.get("enum");
    if (e == null || !e.isArray()) {
      return null;
    }
    List<JsonNode> out = new ArrayList<>(e.size());
    e.forEach(out::add);
    return out;
  }

  /** The item schema of an array, or null. */
  public JsonSchema items() {
    JsonNode i = node.get("items");
    return i != null && i.isObject() ? new JsonSchema((ObjectNode) i) : null;
  }

  /** Property schemas in declaration order; empty when there are none. */
  public Map<String, JsonSchema> properties() {
    // Schemas are immutable, and rule checks ask for the same properties over and over (the
    // synthetic world checks every sample it makes), so the view is built once.
    Map<String, JsonSchema> cached = properties;
    if (cached == null) {
      cached = computeProperties();
      properties = cached;
    }
    return cached;
  }

  private Map<String, JsonSchema> computeProperties() {
    JsonNode p = node.get("properties");
    if (p == null || !p.isObject()) {
      return Map.of();
    }
    Map<String, JsonSchema> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        out.put(e.getKey(), new JsonSchema((ObjectNode) e.getValue()));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Required property names, in order. */
  public List<String> required() {
    JsonNode r = node.get("required");
    if (r == null || !r.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(r.size());
    r.forEach(x -> out.add(x.asText()));
    return out;
  }

  /** The default value, or null when none is declared. */
  public JsonNode defaultValue() {
    return node.get("default");
  }

  /**
   * The explicit "additionalProperties" setting: TRUE when extra properties are allowed (true or a
   * schema), FALSE when forbidden, null when the schema does not say.
   */
  public Boolean additionalPropertiesAllowedExplicitly() {
    JsonNode a = node.get("additionalProperties");
    if (a == null || a.isNull()) {
      return null;
    }
    return a.isBoolean() ? a.booleanValue() : Boolean.TRUE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonSchema && ((JsonSchema) o).node.equals(node);
  }

  @Override
  public int hashCode() {
    return node.hashCode();
  }

  @Override
  public String toString() {
    return Json.compact(node);
  }

  /** Builds schemas for synthesised tools without hand-assembling JSON trees. */
  public static final class Builder {
    private final ObjectNode n = Json.object();

    private Builder(String type) {
      if (type != null) {
        n.put("type", type);
      }
    }

    public Builder description(String d) {
      n.put("description", d);
      return this;
    }

    public Builder format(String f) {
      n.put("format", f);
      return this;
    }

    public Builder enumValues(List<?> values) {
      ArrayNode a = n.putArray("enum");
      for (Object v : values) {
        JsonNode node = Json.MAPPER.valueToTree(v);
        a.add(node == null ? Json.NODES.nullNode() : node);
      }
      return this;
    }

    public Builder items(JsonSchema items) {
      n.set("items", items.node.deepCopy());
      return this;
    }

    public Builder property(String name, JsonSchema schema, boolean required) {
      ObjectNode props =
          n.has("properties") ? (ObjectNode) n.get("properties") : n.putObject("properties");
      props.set(name, schema.node.deepCopy());
      if (required) {
        ArrayNode r = n.has("required") ? (ArrayNode) n.get("required") : n.putArray("required");
        r.add(name);
      }
      return this;
    }

    public Builder defaultValue(JsonNode value) {
      n.set("default", value);
      return this;
    }

    public Builder set(String keyword, JsonNode value) {
      n.set(keyword, value);
      return this;
    }

    public JsonSchema build() {
      if ("object".equals(n.path("type").asText()) && !n.has("properties")) {
        n.putObject("properties");
      }
      return new JsonSchema(n.deepCopy());
    }
  }
}

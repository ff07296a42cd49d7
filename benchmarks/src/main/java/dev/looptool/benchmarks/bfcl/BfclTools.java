package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * BFCL entries' function docs as tools for a function-calling API, converted as BFCL's FC handlers
 * do.
 */
public final class BfclTools {
  private BfclTools() {}

  /** BFCL's type names and the JSON Schema types a function-calling API understands. */
  static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("integer", "integer"),
          Map.entry("number", "number"),
          Map.entry("float", "number"),
          Map.entry("double", "number"),
          Map.entry("string", "string"),
          Map.entry("boolean", "boolean"),
          Map.entry("bool", "boolean"),
          Map.entry("array", "array"),
          Map.entry("list", "array"),
          Map.entry("tuple", "array"),
          Map.entry("dict", "object"),
          Map.entry("object", "object"),
          Map.entry("any", "string"),
          Map.entry("null", "null"));

  /**
   * An entry's function docs as tools for a function-calling API, as BFCL's FC handlers convert
   * them.
   */
  public static List<ToolSpec> of(BfclEntry e) {
    BfclCategory.Language lang = e.category().language();
    List<ToolSpec> out = new ArrayList<>();
    for (JsonNode f : e.functions()) {
      ObjectNode params =
          f.path("parameters").isObject()
              ? ((ObjectNode) f.get("parameters")).deepCopy()
              : Json.object();
      convert(params);
      if (lang != BfclCategory.Language.PYTHON) {
        // Java and JavaScript values travel as their source literals, so every parameter is a
        // string.
        for (Map.Entry<String, JsonNode> p : params.path("properties").properties()) {
          ObjectNode prop = (ObjectNode) p.getValue();
          String original =
              e.functions()
                  .get(out.size())
                  .path("parameters")
                  .path("properties")
                  .path(p.getKey())
                  .path("type")
                  .asText("any");
          prop.put(
              "description",
              prop.path("description").asText("")
                  + " This parameter can be of any "
                  + (lang == BfclCategory.Language.JAVA ? "Java" : "JavaScript")
                  + " type ("
                  + original
                  + "); write it in string representation.");
          prop.put("type", "string");
          prop.remove("items");
          prop.remove("properties");
        }
      }
      out.add(
          new ToolSpec(
              f.path("name").asText().replace('.', '_'),
              f.path("description").asText(""),
              JsonSchema.of(params)));
    }
    return out;
  }

  /** Rewrites BFCL type names to JSON Schema types, recursively. */
  static void convert(ObjectNode schema) {
    JsonNode type = schema.get("type");
    if (type != null && type.isTextual()) {
      schema.put("type", TYPES.getOrDefault(type.asText(), "string"));
    }
    JsonNode props = schema.get("properties");
    if (props != null && props.isObject()) {
      for (Iterator<JsonNode> it = props.elements(); it.hasNext(); ) {
        JsonNode p = it.next();
        if (p.isObject()) {
          convert((ObjectNode) p);
        }
      }
    }
    JsonNode items = schema.get("items");
    if (items != null && items.isObject()) {
      convert((ObjectNode) items);
    }
  }
}

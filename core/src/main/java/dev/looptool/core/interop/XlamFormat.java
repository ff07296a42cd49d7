package dev.looptool.core.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Salesforce's APIGen / xLAM function-calling records ({@code xlam-function-calling-60k} and its
 * irrelevance set): {@code {id, query, tools, answers}}, where {@code tools} and {@code answers}
 * are JSON-encoded strings. A record is one user query and the calls that answer it, so it gives
 * one sample. Import only.
 *
 * <p>Tool parameters in xlam-60k are a map from parameter name to {@code {description, type,
 * default}} with Python type names; they become JSON Schema ({@link XlamTypes}), a parameter being
 * required unless its type says {@code optional} or it has a default. Tools whose parameters
 * already are JSON Schema are kept as they are.
 *
 * <p>An empty answer list means that no offered tool serves the query. Such a record becomes a text
 * label ({@link #NO_TOOL_TEXT}): ToolMatch scores any answer without a call as matching a label
 * without a call, so the text never decides a reward, but SFT trains on it and the judge reads it,
 * and an empty text would teach the policy to end its turn silently.
 */
public final class XlamFormat implements DatasetFormat {
  public static final String NAME = "xlam";

  /** The label text of a record whose answers are empty: no offered tool serves the query. */
  public static final String NO_TOOL_TEXT =
      "None of the available tools can help with this request.";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Salesforce xLAM / APIGen function calling (xlam-function-calling-60k): "
        + "{id, query, tools, answers}, tools and answers as JSON strings";
  }

  @Override
  public boolean recognizes(JsonNode record) {
    return record != null
        && record.isObject()
        && record.has("query")
        && record.has("tools")
        && record.has("answers");
  }

  @Override
  public List<Sample> read(JsonNode record, String id) throws FormatException {
    if (record == null || !record.isObject()) {
      throw new FormatException("$", "an xlam record must be a JSON object");
    }
    JsonNode query = record.get("query");
    if (query == null || query.isNull()) {
      throw new FormatException("query", "required: the user's request as a string");
    }
    if (!query.isTextual()) {
      throw new FormatException("query", "must be a string");
    }
    if (query.textValue().isBlank()) {
      throw new FormatException("query", "must not be empty");
    }
    List<ToolSpec> tools = readTools(decodedList(record, "tools"));
    ArrayNode answers = decodedList(record, "answers");
    List<ToolCall> calls = new ArrayList<>(answers.size());
    for (int i = 0; i < answers.size(); i++) {
      calls.add(SampleJson.readCall(answers.get(i), "answers[" + i + "]"));
    }
    Label label = calls.isEmpty() ? Label.ofText(NO_TOOL_TEXT) : Label.ofCalls(calls);
    ObjectNode meta = Json.object();
    meta.put("source", NAME);
    JsonNode sourceId = record.get("id");
    if (sourceId != null && !sourceId.isNull()) {
      meta.set("sourceId", sourceId);
    }
    // The world's dialogue shapes, so per-shape reports group imported samples with seeds.
    meta.put("shape", calls.isEmpty() ? "no_tool" : calls.size() == 1 ? "single" : "parallel");
    return List.of(
        new Sample(
            id,
            tools,
            List.of(Message.user(query.textValue())),
            label,
            Provenance.imported(),
            meta));
  }

  /** A field that holds a list, either as a JSON array or (as published) a string encoding one. */
  private static ArrayNode decodedList(JsonNode record, String field) throws FormatException {
    JsonNode v = record.get(field);
    if (v == null || v.isNull()) {
      throw new FormatException(field, "required: a JSON array, or a string holding one");
    }
    if (v.isTextual()) {
      try {
        v = Json.parse(v.textValue());
      } catch (JsonProcessingException e) {
        throw new FormatException(field, "string is not valid JSON: " + e.getOriginalMessage());
      }
      if (v == null || !v.isArray()) {
        throw new FormatException(field, "string must encode a JSON array");
      }
      return (ArrayNode) v;
    }
    if (!v.isArray()) {
      throw new FormatException(field, "must be a JSON array, or a string holding one");
    }
    return (ArrayNode) v;
  }

  private static List<ToolSpec> readTools(ArrayNode tools) throws FormatException {
    List<ToolSpec> out = new ArrayList<>(tools.size());
    for (int i = 0; i < tools.size(); i++) {
      String path = "tools[" + i + "]";
      JsonNode t = tools.get(i);
      if (t == null || !t.isObject()) {
        throw new FormatException(path, "a tool must be an object {name, description, parameters}");
      }
      JsonNode f = t.has("function") ? t.get("function") : t;
      String fpath = t.has("function") ? path + ".function" : path;
      JsonNode params = f.isObject() ? f.get("parameters") : null;
      if (params == null || params.isNull() || !params.isObject() || isJsonSchema(params)) {
        // Absent, already JSON Schema, or wrong in a way readTool names.
        out.add(SampleJson.readTool(t, path));
        continue;
      }
      ObjectNode converted = f.deepCopy();
      converted.set("parameters", schemaOf((ObjectNode) params, fpath + ".parameters"));
      out.add(SampleJson.readTool(converted, fpath));
    }
    return out;
  }

  /**
   * Whether parameters are JSON Schema rather than xlam's name → entry map. An xlam map's values
   * are all objects, so a string {@code type} can only be the schema keyword (a parameter named
   * "type" has an object entry).
   */
  private static boolean isJsonSchema(JsonNode params) {
    return params.path("type").isTextual();
  }

  /** The JSON Schema of an xlam parameter map. */
  static ObjectNode schemaOf(ObjectNode params, String path) throws FormatException {
    ObjectNode schema = Json.object();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = schema.putArray("required");
    for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String ppath = path + "." + e.getKey();
      JsonNode entry = e.getValue();
      if (!entry.isObject()) {
        throw new FormatException(
            ppath,
            "must be an object {description, type, default} (or parameters must be a JSON Schema"
                + " with \"type\": \"object\")");
      }
      ObjectNode property = Json.object();
      boolean optional = false;
      JsonNode type = entry.get("type");
      if (type != null && !type.isNull()) {
        if (!type.isTextual()) {
          throw new FormatException(
              ppath + ".type", "must be a string naming a Python type, such as \"str\"");
        }
        XlamTypes.Parsed parsed = XlamTypes.parse(type.textValue());
        property.setAll(parsed.schema());
        optional = parsed.optional();
      }
      Boolean explicitRequired = null;
      for (Iterator<Map.Entry<String, JsonNode>> keys = entry.fields(); keys.hasNext(); ) {
        Map.Entry<String, JsonNode> k = keys.next();
        switch (k.getKey()) {
          case "type":
            break;
          case "required":
            if (!k.getValue().isBoolean()) {
              throw new FormatException(ppath + ".required", "must be true or false");
            }
            explicitRequired = k.getValue().booleanValue();
            break;
          case "default":
            optional = true;
            property.set("default", k.getValue());
            break;
          default:
            // description, enum, format … are JSON Schema keywords already.
            property.set(k.getKey(), k.getValue());
        }
      }
      properties.set(e.getKey(), property);
      if (explicitRequired != null ? explicitRequired : !optional) {
        required.add(e.getKey());
      }
    }
    return schema;
  }
}

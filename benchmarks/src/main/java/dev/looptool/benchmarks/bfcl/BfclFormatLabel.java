package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.ToolCall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One call per ground-truth entry, each argument its first acceptable value: the one answer a
 * held-out label can hold. Choices follow BFCL's AST checker, so the label is a call it accepts:
 * the function is the doc the checker compares with (the first doc in simple categories), {@code
 * ""} among the values means the argument may be omitted (and is) unless the doc requires it, and
 * dict arguments (or lists of dicts) list acceptable values per key, resolved the same way.
 */
final class BfclFormatLabel {
  private BfclFormatLabel() {}

  /**
   * Checks the shape of an entry's ground truth before {@link BfclEntry} reads it.
   *
   * @param where names the answers file, for messages
   */
  static void checkShape(JsonNode groundTruth, String where) throws FormatException {
    if (groundTruth.isEmpty()) {
      throw new FormatException("ground_truth", "lists no call " + where);
    }
    for (int i = 0; i < groundTruth.size(); i++) {
      JsonNode call = groundTruth.get(i);
      String path = "ground_truth[" + i + "]";
      if (!call.isObject() || call.size() != 1) {
        throw new FormatException(
            path, "must be one {function: {parameter: [acceptable values]}} " + where);
      }
      Map.Entry<String, JsonNode> only = call.fields().next();
      path += "." + only.getKey();
      if (!only.getValue().isObject()) {
        throw new FormatException(
            path, "must map each parameter to its acceptable values " + where);
      }
      for (Map.Entry<String, JsonNode> p : only.getValue().properties()) {
        checkValues(p.getValue(), path + "." + p.getKey(), where);
      }
    }
  }

  /** A list of acceptable values; an empty one admits no call at all. */
  private static void checkValues(JsonNode values, String path, String where)
      throws FormatException {
    if (!values.isArray()) {
      throw new FormatException(path, "must be a list of acceptable values " + where);
    }
    if (values.isEmpty()) {
      throw new FormatException(
          path, "lists no acceptable value, so no call passes BFCL's checker " + where);
    }
  }

  /** The label calls of an AST entry whose ground truth passed {@link #checkShape}. */
  static List<ToolCall> calls(BfclEntry entry, String where) throws FormatException {
    PreparedAnswer[] prepared = entry.prepared();
    List<ToolCall> out = new ArrayList<>(prepared.length);
    for (int i = 0; i < prepared.length; i++) {
      JsonNode answer = entry.groundTruth().get(i);
      String name = BfclEntry.answerName(answer);
      String path = "ground_truth[" + i + "]." + name;
      PreparedAnswer p = prepared[i];
      if (p.doc == null) {
        throw new FormatException(
            "ground_truth[" + i + "]",
            "calls '" + name + "', which is not among the entry's functions " + where);
      }
      JsonNode props = p.doc.path("parameters").path("properties");
      // A function may list a required parameter twice; Set.of would throw on the repeat.
      Set<String> required = new HashSet<>(Arrays.asList(p.required));
      ObjectNode args = Json.object();
      for (Map.Entry<String, JsonNode> e : answer.get(name).properties()) {
        String param = e.getKey();
        JsonNode options = e.getValue();
        boolean mayOmit = PyValues.containsEmptyString(options);
        if (mayOmit && !required.contains(param)) {
          continue;
        }
        if (!p.docParams.contains(param)) {
          throw new FormatException(
              path + "." + param,
              "is expected, but function '"
                  + p.docName
                  + "' does not declare it, so no call passes BFCL's checker "
                  + where);
        }
        JsonNode pick = firstValue(options);
        if (pick == null) {
          throw new FormatException(
              path + "." + param,
              "may only be omitted, but function '"
                  + p.docName
                  + "' requires it, so no call passes BFCL's checker "
                  + where);
        }
        args.set(param, resolve(pick, props.path(param), path + "." + param, where));
      }
      out.add(new ToolCall(p.docNameUnderscored, args));
    }
    return out;
  }

  /** The first value that is not the omission marker, or null. */
  private static JsonNode firstValue(JsonNode options) {
    for (JsonNode o : options) {
      if (!(o.isTextual() && o.textValue().isEmpty())) {
        return o;
      }
    }
    return null;
  }

  /** A chosen value, with dict options (alone or in a list, as the doc declares) resolved. */
  private static JsonNode resolve(JsonNode value, JsonNode doc, String path, String where)
      throws FormatException {
    String type = doc.path("type").asText("");
    if (type.equals("dict")) {
      return dictOption(value, path, where);
    }
    if ((type.equals("array") || type.equals("tuple"))
        && doc.path("items").path("type").asText("").equals("dict")) {
      if (!value.isArray()) {
        throw new FormatException(path, "must be a list of dicts, as the doc declares " + where);
      }
      ArrayNode out = Json.array();
      for (int k = 0; k < value.size(); k++) {
        out.add(dictOption(value.get(k), path + "[" + k + "]", where));
      }
      return out;
    }
    return value.deepCopy();
  }

  /** A dict option {key: [acceptable values]} as the dict of each key's first value. */
  private static ObjectNode dictOption(JsonNode option, String path, String where)
      throws FormatException {
    if (!option.isObject()) {
      throw new FormatException(
          path, "must be {key: [acceptable values]}, as BFCL writes dict answers " + where);
    }
    ObjectNode out = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = option.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode values = e.getValue();
      checkValues(values, path + "." + e.getKey(), where);
      JsonNode pick = firstValue(values);
      if (pick != null && !PyValues.containsEmptyString(values)) {
        out.set(e.getKey(), pick.deepCopy());
      }
    }
    return out;
  }
}

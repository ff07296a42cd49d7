package dev.looptool.benchmarks.acebench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.looptool.benchmarks.bfcl.PyType;
import dev.looptool.benchmarks.bfcl.PyValues;
import dev.looptool.core.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checker cases from the ACEBench ground truth: each alternative rendered as calls (expected valid)
 * and perturbations of the first one with the error type the official checker gives them.
 */
public final class AcebenchCases {
  private AcebenchCases() {}

  /** A model output with the verdict it must get ({@code expectedErrorType} null: valid). */
  public record Case(
      AcebenchEntry entry, JsonNode calls, String expectedErrorType, String description) {}

  public static List<Case> answers(AcebenchEntry e) {
    List<Case> out = new ArrayList<>();
    for (int a = 0; a < e.alternatives().size(); a++) {
      out.add(new Case(e, render(e.alternatives().get(a)), null, "alternative " + a));
    }
    return out;
  }

  static ArrayNode render(JsonNode alternative) {
    ArrayNode calls = Json.array();
    for (Iterator<Map.Entry<String, JsonNode>> it = alternative.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ObjectNode call = Json.object();
      call.put("name", e.getKey().replaceFirst("_\\d+$", ""));
      call.set("arguments", e.getValue().deepCopy());
      calls.add(call);
    }
    return calls;
  }

  /**
   * Perturbations of a valid rendering of alternative 0. The official loop reports the verdict of
   * the last call it looked at, so parameter-level perturbations change the last call.
   */
  public static List<Case> perturbations(AcebenchEntry e, JsonNode valid) {
    List<Case> out = new ArrayList<>();
    out.add(
        new Case(
            e, TextNode.valueOf("no calls here"), "ast_decoder:decoder_failed", "undecodable"));
    ArrayNode bad = Json.array();
    bad.add(Json.object().put("tool", "x"));
    out.add(new Case(e, bad, "ast_decoder:decoder_wrong_output_format", "call without name"));
    ArrayNode extra = valid.deepCopy();
    extra.add(valid.get(0).deepCopy());
    out.add(new Case(e, extra, "wrong functions number", "one call too many"));
    int last = valid.size() - 1;
    ObjectNode lastCall = (ObjectNode) valid.get(last);
    out.add(
        with(
            e,
            valid,
            last,
            lastCall.deepCopy().put("name", lastCall.get("name").asText() + "_looptool"),
            "function_mismatch",
            "unknown function"));
    Set<String> names = new HashSet<>();
    valid.forEach(c -> names.add(c.get("name").asText()));
    if (names.size() != valid.size()) {
      return out;
    }
    JsonNode doc = null;
    String key = null;
    int k = 0;
    for (Iterator<String> it = e.alternatives().get(0).fieldNames(); it.hasNext(); k++) {
      String name = it.next();
      if (k == last) {
        key = name;
      }
    }
    for (JsonNode d : e.functions()) {
      if (key.contains(d.path("name").asText())) {
        doc = d;
        break;
      }
    }
    JsonNode params = doc == null ? null : doc.get("parameters");
    if (params == null || !params.has("properties")) {
      return out;
    }
    ObjectNode args = (ObjectNode) lastCall.get("arguments");
    ObjectNode unexpected = lastCall.deepCopy();
    ((ObjectNode) unexpected.get("arguments")).put("looptool_unexpected", 1);
    out.add(with(e, valid, last, unexpected, "addition_args", "unexpected parameter"));
    for (JsonNode req : params.path("required")) {
      if (args.has(req.asText()) && args.size() > 1) {
        ObjectNode c = lastCall.deepCopy();
        ((ObjectNode) c.get("arguments")).remove(req.asText());
        out.add(with(e, valid, last, c, "lack_args", "drop required " + req.asText()));
        break;
      }
    }
    boolean typeDone = false;
    boolean stringDone = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> a = it.next();
      String type = params.path("properties").path(a.getKey()).path("type").asText();
      PyType expected =
          switch (type) {
            case "string" -> PyType.STR;
            case "integer", "number" -> PyType.INT;
            case "boolean" -> PyType.BOOL;
            case "array" -> PyType.LIST;
            case "object" -> PyType.DICT;
            default -> null;
          };
      JsonNode answer = a.getValue();
      if (expected == null || PyValues.type(answer) != expected) {
        continue;
      }
      if (!typeDone && !(answer.isContainerNode() && answer.isEmpty())) {
        ObjectNode c = lastCall.deepCopy();
        ((ObjectNode) c.get("arguments"))
            .set(
                a.getKey(),
                expected == PyType.STR ? IntNode.valueOf(12345) : TextNode.valueOf("looptool"));
        out.add(with(e, valid, last, c, "type_error", "wrong type for " + a.getKey()));
        typeDone = true;
      }
      if (!stringDone
          && expected == PyType.STR
          && !answer.textValue().isEmpty()
          && !answer.textValue().equals("true")
          && !answer.textValue().equals("false")
          && !"looptoolwrongvalue".contains(PyValues.standardize(answer.textValue()))) {
        ObjectNode c = lastCall.deepCopy();
        ((ObjectNode) c.get("arguments")).put(a.getKey(), "looptool wrong value");
        out.add(with(e, valid, last, c, "value_error:string", "wrong string for " + a.getKey()));
        stringDone = true;
      }
    }
    return out;
  }

  private static Case with(
      AcebenchEntry e, JsonNode calls, int index, JsonNode call, String type, String description) {
    ArrayNode copy = (ArrayNode) calls.deepCopy();
    copy.set(index, call);
    return new Case(e, copy, type, description);
  }
}

package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.looptool.benchmarks.bfcl.BfclCategory.Checker;
import dev.looptool.benchmarks.bfcl.BfclCategory.Language;
import dev.looptool.core.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds checker cases from the ground truth: every acceptable value of every parameter rendered as
 * calls (each answer's first options, then one option changed at a time), and systematic
 * perturbations of the first rendering with the error type the official checker gives them.
 *
 * <p>Long on purpose: one perturbation per error type of {@link BfclChecker}, kept together so that
 * a new error type in the checker has its case written next to the others.
 */
public final class BfclCases {
  private BfclCases() {}

  /** The answer renderings of an AST entry; the first is the one perturbations start from. */
  public static List<BfclCase> answers(BfclEntry entry) {
    List<BfclCase> out = new ArrayList<>();
    List<JsonNode> gt = entry.groundTruth();
    ArrayNode base = Json.array();
    for (JsonNode answer : gt) {
      base.add(renderCall(entry, answer, -1, -1));
    }
    out.add(new BfclCase(entry, base, false, null, "first options"));
    for (int a = 0; a < gt.size(); a++) {
      JsonNode params = gt.get(a).elements().next();
      JsonNode required = docFor(entry, gt.get(a)).path("parameters").path("required");
      int p = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); p++) {
        Map.Entry<String, JsonNode> param = it.next();
        List<JsonNode> options = PyValues.indexable(param.getValue());
        int first =
            firstUsable(options, PyValues.contains(required, TextNode.valueOf(param.getKey())));
        for (int k = 0; k < options.size(); k++) {
          if (k == first
              || (isEmptyString(options.get(k))
                  && PyValues.contains(required, TextNode.valueOf(param.getKey())))) {
            continue;
          }
          ArrayNode calls = base.deepCopy();
          calls.set(a, renderCall(entry, gt.get(a), p, k));
          out.add(
              new BfclCase(
                  entry, calls, false, null, "answer " + a + " param " + p + " option " + k));
        }
      }
    }
    // No reordered rendering: the official order-free matcher is greedy, so a call can take an
    // earlier answer whose options also accept it (parallel_178) and reordering is not always
    // valid.
    if (entry.category().language() == Language.PYTHON) {
      ArrayNode dotless = base.deepCopy();
      boolean any = false;
      for (JsonNode c : dotless) {
        String name = c.get("name").textValue();
        if (name.indexOf('.') >= 0) {
          ((ObjectNode) c).put("name", name.replace('.', '_'));
          any = true;
        }
      }
      if (any) {
        out.add(new BfclCase(entry, dotless, true, null, "underscore_to_dot names"));
      }
    }
    return out;
  }

  /** Perturbations of a valid first rendering, each with the official error type it must get. */
  public static List<BfclCase> perturbations(BfclEntry entry, JsonNode validCalls) {
    List<BfclCase> out = new ArrayList<>();
    Checker kind = entry.category().checker();
    boolean parallel = kind == Checker.PARALLEL_NO_ORDER;
    String prefix =
        parallel
            ? "parallel_function_checker_no_order"
            : kind == Checker.MULTIPLE ? "multiple_function_checker" : "simple_function_checker";
    String noMatch = "parallel_function_checker_no_order:cannot_find_match";

    out.add(
        new BfclCase(
            entry,
            TextNode.valueOf("not a call list"),
            false,
            "ast_decoder:decoder_failed",
            "undecodable output"));
    ArrayNode badFormat = Json.array();
    badFormat.add(Json.object().put("function", "x"));
    out.add(
        new BfclCase(
            entry,
            badFormat,
            false,
            "ast_decoder:decoder_wrong_output_format",
            "call without name"));

    ArrayNode extra = validCalls.deepCopy();
    extra.add(validCalls.get(0).deepCopy());
    out.add(new BfclCase(entry, extra, false, prefix + ":wrong_count", "one call too many"));

    // Only the first call of a multiple entry is checked, so perturb call 0 everywhere.
    ObjectNode first = (ObjectNode) validCalls.get(0);
    ObjectNode args = (ObjectNode) first.get("arguments");
    JsonNode doc = docFor(entry, entry.groundTruth().get(0));
    JsonNode answerParams = entry.groundTruth().get(0).elements().next();
    String simplePrefix = "simple_function_checker";

    out.add(
        withCall(
            entry,
            validCalls,
            first.deepCopy().put("name", first.get("name").textValue() + "_looptool"),
            parallel ? noMatch : simplePrefix + ":wrong_func_name",
            "wrong function name"));

    for (JsonNode req : doc.path("parameters").path("required")) {
      if (args.has(req.asText())) {
        ObjectNode c = first.deepCopy();
        ((ObjectNode) c.get("arguments")).remove(req.asText());
        out.add(
            withCall(
                entry,
                validCalls,
                c,
                parallel ? noMatch : simplePrefix + ":missing_required",
                "drop required " + req.asText()));
        break;
      }
    }

    ObjectNode unexpected = first.deepCopy();
    ((ObjectNode) unexpected.get("arguments")).put("looptool_unexpected", 1);
    out.add(
        withCall(
            entry,
            validCalls,
            unexpected,
            parallel ? noMatch : simplePrefix + ":unexpected_param",
            "unexpected parameter"));

    Language lang = entry.category().language();
    JsonNode props = doc.path("parameters").path("properties");
    boolean typeDone = false;
    boolean stringDone = false;
    for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
      String param = it.next();
      String type = props.path(param).path("type").asText();
      JsonNode options = answerParams.get(param);
      PyType expected;
      try {
        expected =
            switch (lang) {
              case JAVA -> JavaLiterals.pythonType(type);
              case JAVASCRIPT -> JsLiterals.pythonType(type);
              default -> BfclChecker.pythonType(type);
            };
      } catch (UnsupportedTypeException e) {
        continue;
      }
      PyType answerType = firstOptionType(options);
      if (!typeDone && answerType == expected) {
        ObjectNode c = first.deepCopy();
        JsonNode wrong =
            lang != Language.PYTHON || expected == PyType.STR
                ? IntNode.valueOf(12345)
                : TextNode.valueOf("looptool");
        ((ObjectNode) c.get("arguments")).set(param, wrong);
        String type_error =
            switch (lang) {
              case JAVA -> "type_error:java";
              case JAVASCRIPT -> "type_error:js";
              default -> "type_error:simple";
            };
        out.add(
            withCall(
                entry, validCalls, c, parallel ? noMatch : type_error, "wrong type for " + param));
        typeDone = true;
      }
      if (!stringDone && expected == PyType.STR && answerType == PyType.STR) {
        ObjectNode c = first.deepCopy();
        ((ObjectNode) c.get("arguments")).put(param, "looptool wrong value");
        out.add(
            withCall(
                entry,
                validCalls,
                c,
                parallel ? noMatch : "value_error:string",
                "wrong string for " + param));
        stringDone = true;
      }
    }
    if (!parallel) {
      JsonNode required = doc.path("parameters").path("required");
      for (Iterator<Map.Entry<String, JsonNode>> it = answerParams.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (args.has(e.getKey())
            && !PyValues.containsEmptyString(e.getValue())
            && !PyValues.contains(required, TextNode.valueOf(e.getKey()))) {
          ObjectNode c = first.deepCopy();
          ((ObjectNode) c.get("arguments")).remove(e.getKey());
          out.add(
              withCall(
                  entry, validCalls, c, simplePrefix + ":missing_optional", "omit " + e.getKey()));
          break;
        }
      }
    }
    return out;
  }

  /**
   * The option a rendering starts from: the first one, except that a required parameter cannot be
   * left out, so {@code ""} (omit) is skipped for it where another option exists.
   */
  private static int firstUsable(List<JsonNode> options, boolean required) {
    if (required) {
      for (int i = 0; i < options.size(); i++) {
        if (!isEmptyString(options.get(i))) {
          return i;
        }
      }
    }
    return 0;
  }

  private static boolean isEmptyString(JsonNode n) {
    return n.isTextual() && n.textValue().isEmpty();
  }

  private static PyType firstOptionType(JsonNode options) {
    for (JsonNode o : PyValues.indexable(options)) {
      if (!(o.isTextual() && o.textValue().isEmpty())) {
        return PyValues.type(o);
      }
    }
    return null;
  }

  private static BfclCase withCall(
      BfclEntry entry, JsonNode calls, JsonNode call0, String errorType, String description) {
    ArrayNode copy = (ArrayNode) calls.deepCopy();
    copy.set(0, call0);
    return new BfclCase(entry, copy, false, errorType, description);
  }

  private static JsonNode docFor(BfclEntry entry, JsonNode answer) {
    if (entry.category().checker() == Checker.SIMPLE) {
      return entry.functions().get(0);
    }
    String name = answer.fieldNames().next();
    for (JsonNode d : entry.functions()) {
      if (name.equals(d.path("name").asText())) {
        return d;
      }
    }
    return Json.object();
  }

  /**
   * One answer as a call: option 0 of every parameter except that {@code changedParam} takes option
   * {@code option}; an empty-string option means the parameter is left out.
   */
  private static JsonNode renderCall(
      BfclEntry entry, JsonNode answer, int changedParam, int option) {
    String name = answer.fieldNames().next();
    JsonNode params = answer.get(name);
    JsonNode doc = docFor(entry, answer);
    JsonNode props = doc.path("parameters").path("properties");
    JsonNode required = doc.path("parameters").path("required");
    ObjectNode args = Json.object();
    int p = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); p++) {
      Map.Entry<String, JsonNode> e = it.next();
      List<JsonNode> options = PyValues.indexable(e.getValue());
      if (options.isEmpty()) {
        continue;
      }
      JsonNode v =
          options.get(
              p == changedParam
                  ? option
                  : firstUsable(
                      options, PyValues.contains(required, TextNode.valueOf(e.getKey()))));
      if (v.isTextual() && v.textValue().isEmpty()) {
        continue;
      }
      JsonNode detail = props.path(e.getKey());
      args.set(
          e.getKey(),
          switch (entry.category().language()) {
            case JAVA ->
                TextNode.valueOf(
                    javaLiteral(
                        v,
                        detail.path("type").asText(),
                        detail.path("items").path("type").asText(null)));
            case JAVASCRIPT -> TextNode.valueOf(jsLiteral(v, detail.path("type").asText()));
            default -> pythonValue(v, detail);
          });
    }
    ObjectNode call = Json.object();
    call.put("name", name);
    call.set("arguments", args);
    return call;
  }

  /**
   * A Python-category option as the model would write it: dict options list acceptable values per
   * key, so a dict (or each dict of a list of dicts) takes the first acceptable value of each key.
   */
  private static JsonNode pythonValue(JsonNode v, JsonNode detail) {
    String type = detail.path("type").asText();
    if (type.equals("dict") && v.isObject()) {
      return firstOptions(v);
    }
    if ((type.equals("array") || type.equals("tuple"))
        && detail.path("items").path("type").asText().equals("dict")
        && v.isArray()) {
      ArrayNode out = Json.array();
      for (JsonNode item : v) {
        out.add(item.isObject() ? firstOptions(item) : item);
      }
      return out;
    }
    return v;
  }

  private static ObjectNode firstOptions(JsonNode optionDict) {
    ObjectNode out = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = optionDict.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<JsonNode> opts = PyValues.indexable(e.getValue());
      if (opts.isEmpty() || (opts.get(0).isTextual() && opts.get(0).textValue().isEmpty())) {
        continue;
      }
      out.set(e.getKey(), opts.get(0));
    }
    return out;
  }

  /** Python's {@code str()} of a JSON value (what a model would type for an "any" parameter). */
  private static String pyStr(JsonNode v) {
    return switch (PyValues.type(v)) {
      case STR -> v.textValue();
      case BOOL -> v.booleanValue() ? "True" : "False";
      case FLOAT -> plainFloat(v);
      case NONE -> "None";
      default -> v.toString();
    };
  }

  private static String plainFloat(JsonNode v) {
    String s = new BigDecimal(Double.toString(v.doubleValue())).toPlainString();
    return s.contains(".") ? s : s + ".0";
  }

  static String javaLiteral(JsonNode v, String type, String itemsType) {
    switch (type) {
      case "long":
        return PyValues.type(v) == PyType.INT ? v.toString() + "L" : pyStr(v);
      case "float":
        return PyValues.type(v) == PyType.INT || PyValues.type(v) == PyType.FLOAT
            ? plainFloat(v) + "f"
            : pyStr(v);
      case "double":
        return PyValues.type(v) == PyType.INT || PyValues.type(v) == PyType.FLOAT
            ? plainFloat(v)
            : pyStr(v);
      case "boolean":
        return PyValues.type(v) == PyType.BOOL ? String.valueOf(v.booleanValue()) : pyStr(v);
      case "Array":
        if (v.isArray()) {
          StringBuilder b = new StringBuilder("new Object[]{");
          for (int i = 0; i < v.size(); i++) {
            // The official Array parser keeps String items as written, quotes included.
            b.append(i > 0 ? ", " : "").append(javaElement(v.get(i), itemsType, false));
          }
          return b.append('}').toString();
        }
        return pyStr(v);
      case "ArrayList":
        if (v.isArray()) {
          if (v.isEmpty()) {
            return "new ArrayList<>()";
          }
          StringBuilder b = new StringBuilder("new ArrayList<>(Arrays.asList(");
          for (int i = 0; i < v.size(); i++) {
            b.append(i > 0 ? ", " : "").append(javaElement(v.get(i), itemsType, true));
          }
          return b.append("))").toString();
        }
        return pyStr(v);
      case "HashMap":
        if (v.isObject()) {
          StringBuilder b = new StringBuilder("new HashMap<String, Object>() {{ ");
          for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<JsonNode> opts = PyValues.indexable(e.getValue());
            if (opts.isEmpty() || (opts.get(0).isTextual() && opts.get(0).textValue().isEmpty())) {
              continue;
            }
            b.append("put(\"")
                .append(e.getKey())
                .append("\", ")
                .append(javaElement(opts.get(0), null, true))
                .append("); ");
          }
          return b.append("}}").toString();
        }
        return pyStr(v);
      default:
        return pyStr(v);
    }
  }

  /**
   * An element of a Java collection; strings are quoted only where the official parser unquotes
   * them.
   */
  private static String javaElement(JsonNode v, String itemsType, boolean quoteStrings) {
    if (itemsType != null && !itemsType.equals("String") && !itemsType.equals("char")) {
      return javaLiteral(v, itemsType, null);
    }
    if (v.isTextual()) {
      return quoteStrings ? "\"" + v.textValue() + "\"" : v.textValue();
    }
    return PyValues.type(v) == PyType.BOOL ? String.valueOf(v.booleanValue()) : v.toString();
  }

  static String jsLiteral(JsonNode v, String type) {
    switch (type) {
      case "Bigint":
        return PyValues.type(v) == PyType.INT ? v + "n" : pyStr(v);
      case "float":
        return PyValues.type(v) == PyType.INT || PyValues.type(v) == PyType.FLOAT
            ? plainFloat(v)
            : pyStr(v);
      case "Boolean":
        return PyValues.type(v) == PyType.BOOL ? String.valueOf(v.booleanValue()) : pyStr(v);
      case "array":
      case "dict":
        return v.isArray() || v.isObject() ? jsValue(v) : pyStr(v);
      default:
        return pyStr(v);
    }
  }

  private static String jsValue(JsonNode v) {
    switch (PyValues.type(v)) {
      case STR:
        return "\"" + v.textValue() + "\"";
      case BOOL:
        return String.valueOf(v.booleanValue());
      case FLOAT:
        return plainFloat(v);
      case LIST:
        {
          StringBuilder b = new StringBuilder("[");
          for (int i = 0; i < v.size(); i++) {
            b.append(i > 0 ? ", " : "").append(jsValue(v.get(i)));
          }
          return b.append(']').toString();
        }
      case DICT:
        {
          StringBuilder b = new StringBuilder("{");
          boolean firstKey = true;
          for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<JsonNode> opts = PyValues.indexable(e.getValue());
            if (opts.isEmpty() || (opts.get(0).isTextual() && opts.get(0).textValue().isEmpty())) {
              continue;
            }
            b.append(firstKey ? "" : ", ")
                .append('"')
                .append(e.getKey())
                .append("\": ")
                .append(jsValue(opts.get(0)));
            firstKey = false;
          }
          return b.append('}').toString();
        }
      default:
        return v.toString();
    }
  }

  /**
   * Further mutations of a valid rendering whose verdict is not predicted here: used to compare
   * this checker with the official one beyond the systematic perturbations (every call reversed,
   * each parameter given another parameter's value, numbers as floats and as strings, strings
   * re-cased and re-punctuated, each present parameter dropped).
   */
  public static List<JsonNode> mutations(BfclEntry entry, JsonNode validCalls) {
    List<JsonNode> out = new ArrayList<>();
    if (validCalls.size() > 1) {
      ArrayNode reversed = Json.array();
      for (int i = validCalls.size() - 1; i >= 0; i--) {
        reversed.add(validCalls.get(i));
      }
      out.add(reversed);
    }
    for (int c = 0; c < validCalls.size(); c++) {
      ObjectNode call = (ObjectNode) validCalls.get(c);
      ObjectNode args = (ObjectNode) call.get("arguments");
      List<String> names = new ArrayList<>();
      args.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode v = args.get(name);
        List<JsonNode> variants = new ArrayList<>();
        for (String other : names) {
          if (!other.equals(name)) {
            variants.add(args.get(other));
          }
        }
        if (v.isIntegralNumber()) {
          variants.add(PyValues.floatNode(v.doubleValue()));
          variants.add(TextNode.valueOf(v.asText()));
        } else if (v.isFloatingPointNumber()) {
          variants.add(IntNode.valueOf((int) v.doubleValue()));
          variants.add(TextNode.valueOf(v.asText()));
        } else if (v.isTextual()) {
          variants.add(TextNode.valueOf(v.textValue().toUpperCase(java.util.Locale.ROOT) + " ."));
          variants.add(TextNode.valueOf(v.textValue().replace(' ', '_').replace('\'', '"')));
          variants.add(TextNode.valueOf(v.textValue() + "x"));
        } else if (v.isBoolean()) {
          variants.add(IntNode.valueOf(v.booleanValue() ? 1 : 0));
          variants.add(TextNode.valueOf(String.valueOf(v.booleanValue())));
        } else if (v.isArray() && v.size() > 1) {
          ArrayNode rev = Json.array();
          for (int i = v.size() - 1; i >= 0; i--) {
            rev.add(v.get(i));
          }
          variants.add(rev);
        }
        for (JsonNode variant : variants) {
          ArrayNode copy = (ArrayNode) validCalls.deepCopy();
          ((ObjectNode) copy.get(c).get("arguments")).set(name, variant);
          out.add(copy);
        }
        ArrayNode dropped = (ArrayNode) validCalls.deepCopy();
        ((ObjectNode) dropped.get(c).get("arguments")).remove(name);
        out.add(dropped);
      }
    }
    return out;
  }
}

package dev.looptool.benchmarks.acebench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.looptool.benchmarks.bfcl.BfclChecker;
import dev.looptool.benchmarks.bfcl.PyType;
import dev.looptool.benchmarks.bfcl.PyValues;
import dev.looptool.core.model.ToolCall;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ACEBench checker for the normal categories with the official semantics, quirks included:
 * strings pass when the standardised answer is contained in the standardised value; numbers and
 * booleans are only type-checked; nested dict values pass when the answer's Python {@code str()} is
 * contained in the value's; repeated calls are keyed {@code name_1}, {@code name_2}; a doc is found
 * by substring of the answer key; the first of several ground-truth alternatives that passes wins,
 * else the first alternative's error is reported.
 *
 * <p>Long on purpose: it follows the official checker function by function, in its order, so that
 * each rule can be read side by side with the Python it reproduces.
 */
public final class AcebenchChecker {
  private static final Pattern INDEX_SUFFIX = Pattern.compile("_\\d+$");

  /** Where the official checker would raise (a doc without "parameters", iterating a number...). */
  private static final class PyError extends RuntimeException {
    PyError(String message) {
      super(message, null, false, false);
    }
  }

  /** Checks one model output; {@code calls} that is not a list could not be decoded. */
  public AcebenchVerdict check(AcebenchEntry entry, JsonNode calls) {
    if (calls == null || !calls.isArray()) {
      return AcebenchVerdict.invalid(
          "ast_decoder:decoder_failed",
          "Invalid syntax. Failed to decode the model output: calls is not a list.");
    }
    List<ToolCall> decoded = BfclChecker.decode(calls);
    if (decoded == null) {
      return AcebenchVerdict.invalid(
          "ast_decoder:decoder_wrong_output_format",
          "Did not output in the specified format: every call must be {\"name\": string, \"arguments\": object}.");
    }
    AcebenchVerdict first = null;
    for (JsonNode alternative : entry.alternatives()) {
      AcebenchVerdict v;
      try {
        v = normal(entry.functions(), decoded, alternative);
      } catch (PyError e) {
        v = AcebenchVerdict.invalid("checker_exception", e.getMessage());
      }
      if (v.valid()) {
        return v;
      }
      if (first == null) {
        first = v;
      }
    }
    return first;
  }

  private AcebenchVerdict normal(List<JsonNode> docs, List<ToolCall> calls, JsonNode answers) {
    if (calls.size() != answers.size()) {
      return AcebenchVerdict.invalid(
          "wrong functions number", "The number of functions does not match the answer.");
    }
    List<String> keys = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<JsonNode> params = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      keys.add(e.getKey());
      names.add(INDEX_SUFFIX.matcher(e.getKey()).replaceFirst(""));
      params.add(e.getValue());
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    calls.forEach(c -> out.merge(c.name(), 1, Integer::sum));
    Map<String, Integer> expected = new LinkedHashMap<>();
    names.forEach(n -> expected.merge(n, 1, Integer::sum));
    for (String n : out.keySet()) {
      if (!expected.containsKey(n)) {
        return AcebenchVerdict.invalid(
            "function_mismatch", "extra function detected: " + n + " is not in the ground truth");
      }
    }
    for (String n : expected.keySet()) {
      if (!out.containsKey(n)) {
        return AcebenchVerdict.invalid(
            "function_mismatch", "extra function detected: " + n + " is not in the ground truth");
      }
    }
    for (Map.Entry<String, Integer> e : out.entrySet()) {
      if (!e.getValue().equals(expected.get(e.getKey()))) {
        return AcebenchVerdict.invalid(
            "function_mismatch",
            "incorrect count for function "
                + e.getKey()
                + ": [expected: "
                + expected.get(e.getKey())
                + ", actual: "
                + e.getValue()
                + "]");
      }
    }
    AcebenchVerdict result = AcebenchVerdict.VALID;
    for (int i = 0; i < keys.size(); i++) {
      JsonNode doc = findDescription(docs, keys.get(i));
      for (ToolCall call : calls) {
        if (call.name().equals(names.get(i))) {
          result = simple(doc, call, params.get(i));
          if (result.valid()) {
            break;
          }
        } else {
          // The official loop overwrites the verdict for every call of another function.
          result = AcebenchVerdict.invalid("simple_function_checker:unclear", "wrong_function");
        }
      }
      if (!result.valid()) {
        return result;
      }
    }
    return result;
  }

  /** The first doc whose name is contained in the answer key (the official lookup). */
  private static JsonNode findDescription(List<JsonNode> docs, String key) {
    for (JsonNode d : docs) {
      if (key.contains(d.path("name").asText())) {
        return d;
      }
    }
    return null;
  }

  private static JsonNode field(JsonNode n, String key) {
    if (n == null || !n.isObject()) {
      throw new PyError("TypeError: cannot read '" + key + "'");
    }
    JsonNode v = n.get(key);
    if (v == null) {
      throw new PyError("KeyError: '" + key + "'");
    }
    return v;
  }

  private static boolean emptyDict(JsonNode n) {
    return n.isObject() && n.isEmpty();
  }

  private AcebenchVerdict simple(JsonNode doc, ToolCall call, JsonNode expected) {
    if (doc == null) {
      throw new PyError("TypeError: no function doc for '" + call.name() + "'");
    }
    JsonNode parameters = field(doc, "parameters");
    boolean noArgs = call.arguments().isEmpty();
    if (noArgs && emptyDict(parameters)) {
      return AcebenchVerdict.VALID;
    } else if (noArgs || emptyDict(parameters)) {
      return AcebenchVerdict.invalid("wrong_param", "the call or the doc has no parameters");
    }
    JsonNode properties = field(parameters, "properties");
    if (PyValues.equal(expected, properties)) {
      return AcebenchVerdict.VALID;
    } else if (emptyDict(expected)) {
      return AcebenchVerdict.invalid("wrong_param", "the answer has no parameters");
    }
    String funcName = doc.path("name").asText();
    if (!funcName.equals(call.name())) {
      return AcebenchVerdict.invalid(
          "wrong_function_name", "expected " + funcName + ", got " + call.name());
    }
    JsonNode args = call.arguments();
    for (JsonNode req : field(parameters, "required")) {
      if (!args.has(req.asText())) {
        return AcebenchVerdict.invalid("lack_args", "lack required_params: " + req.asText());
      }
    }
    AcebenchVerdict result = AcebenchVerdict.VALID;
    for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String param = e.getKey();
      JsonNode value = e.getValue();
      if (!properties.has(param) || !expected.has(param)) {
        return AcebenchVerdict.invalid("addition_args", "addition params: " + param);
      }
      JsonNode detail = properties.get(param);
      String typeDesc = field(detail, "type").asText();
      PyType expectedType = pythonType(typeDesc);
      PyType nestedType = null;
      if (NESTED.contains(typeDesc)) {
        JsonNode items = detail.get("items");
        String nested;
        if (items != null && items.isObject() && items.has("type")) {
          nested = items.get("type").asText();
        } else if (typeDesc.contains("string")) {
          nested = "string";
        } else if (typeDesc.contains("enum")) {
          nested = "enum";
        } else {
          nested = "dict";
        }
        nestedType = pythonType(nested);
      }
      if (typeDesc.equals("float") && PyValues.type(value) == PyType.INT) {
        value = PyValues.floatNode(value.doubleValue());
      }
      JsonNode answer = expected.get(param);
      TypeResult tr = typeCheck(value, answer, expectedType, nestedType);
      if (!tr.valid) {
        return AcebenchVerdict.invalid(
            "type_error",
            "wrong type for parameter ("
                + param
                + ") of api ("
                + funcName
                + "): [expected: "
                + typeDesc
                + ", real: "
                + PyValues.type(value).pythonName()
                + "]");
      }
      if (!tr.isVariable) {
        if (expectedType == PyType.DICT) {
          result = dictChecker(param, value, answer, funcName);
        } else if (expectedType == PyType.LIST && nestedType == PyType.DICT) {
          if (typeDesc.equals("objectArray")) {
            throw new PyError("TypeError: dict_checker() missing 1 required positional argument");
          }
          result = listDictChecker(param, value, answer, funcName);
        } else if (expectedType == PyType.STR) {
          result = stringChecker(param, value, answer, funcName);
        } else if (expectedType == PyType.LIST) {
          result = listChecker(param, value, answer, funcName);
        }
        if (!result.valid()) {
          return result;
        }
      }
    }
    return result;
  }

  private static final List<String> NESTED =
      List.of("array", "tuple", "list(string)", "list(enum)", "object", "objectArray");

  /**
   * The official type table; {@code enum} maps to Python's {@code enumerate}, which no value has.
   */
  private static PyType pythonType(String desc) {
    return switch (desc) {
      case "string", "any" -> PyType.STR;
      case "integer", "int", "number" -> PyType.INT;
      case "float" -> PyType.FLOAT;
      case "boolean" -> PyType.BOOL;
      case "array", "tuple", "list", "objectArray", "list(string)", "list(enum)" -> PyType.LIST;
      case "dict", "object" -> PyType.DICT;
      case "enum" -> PyType.SET;
      default -> throw new PyError("KeyError: '" + desc + "'");
    };
  }

  private record TypeResult(boolean valid, boolean isVariable) {}

  /**
   * Python's {@code for x in value} over a value from JSON: list items, dict keys or characters.
   */
  private static List<JsonNode> iterate(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    switch (PyValues.type(n)) {
      case LIST -> n.forEach(out::add);
      case DICT -> n.fieldNames().forEachRemaining(k -> out.add(TextNode.valueOf(k)));
      case STR -> out.addAll(PyValues.indexable(n));
      default ->
          throw new PyError(
              "TypeError: '" + PyValues.type(n).pythonName() + "' object is not iterable");
    }
    return out;
  }

  private static TypeResult typeCheck(
      JsonNode value, JsonNode answer, PyType expected, PyType nested) {
    PyType answerType =
        answer.isTextual() && answer.textValue().isEmpty() ? null : PyValues.type(answer);
    boolean isVariable = answerType != null && answerType != expected;
    JsonNode v = value;
    // The official checker reads the strings "true"/"false" as booleans here (only here).
    if (v.isTextual() && v.textValue().equals("true")) {
      v = BooleanNode.TRUE;
    } else if (v.isTextual() && v.textValue().equals("false")) {
      v = BooleanNode.FALSE;
    }
    boolean nestedFailed = false;
    if (PyValues.type(v) == expected) {
      if (nested == null) {
        return new TypeResult(true, isVariable);
      }
      for (JsonNode item : iterate(answer)) {
        boolean flag = true;
        if (item.isArray()) {
          for (JsonNode valueItem : iterate(v)) {
            if (!typeCheck(valueItem, item, nested, null).valid) {
              flag = false;
              break;
            }
          }
        }
        if (flag) {
          return new TypeResult(true, isVariable);
        }
      }
      nestedFailed = true;
    }
    if (answerType != null && (PyValues.type(v) == answerType || PyValues.equal(answer, v))) {
      return new TypeResult(!nestedFailed, true);
    }
    return new TypeResult(false, false);
  }

  private static AcebenchVerdict stringChecker(
      String param, JsonNode value, JsonNode answer, String funcName) {
    if (!answer.isTextual() || !value.isTextual()) {
      throw new PyError("TypeError: expected string or bytes-like object");
    }
    if (!PyValues.standardize(value.textValue())
        .contains(PyValues.standardize(answer.textValue()))) {
      return AcebenchVerdict.invalid(
          "value_error:string",
          "wrong value for parameter ("
              + param
              + ") of api ("
              + funcName
              + "): [expected: "
              + answer.textValue()
              + ", real: ["
              + value.textValue()
              + "]]");
    }
    return AcebenchVerdict.VALID;
  }

  private static AcebenchVerdict listChecker(
      String param, JsonNode value, JsonNode answer, String funcName) {
    ArrayNode model = JsonNodeFactory.instance.arrayNode();
    for (JsonNode item : value) {
      model.add(PyValues.standardizeIfString(item));
    }
    ArrayNode std = JsonNodeFactory.instance.arrayNode();
    if (answer.isObject() || !(answer.isArray() || answer.isTextual())) {
      throw new PyError(
          "TypeError: object of type '" + PyValues.type(answer).pythonName() + "' has no len()");
    }
    for (JsonNode item : PyValues.indexable(answer)) {
      std.add(PyValues.standardizeIfString(item));
    }
    if (!PyValues.equal(model, std)) {
      return AcebenchVerdict.invalid(
          "value_error:list/tuple",
          "wrong value for parameter ('"
              + param
              + "') of api ("
              + funcName
              + "): [expected "
              + PyValues.repr(answer)
              + ", real: ["
              + PyValues.repr(value)
              + "]]");
    }
    return AcebenchVerdict.VALID;
  }

  private static AcebenchVerdict dictChecker(
      String param, JsonNode value, JsonNode answer, String funcName) {
    String wrong = "wrong value for parameter (" + param + ") of api (" + funcName + ")";
    if (!value.isObject()) {
      return AcebenchVerdict.invalid("value_error", wrong + ": not a dict");
    }
    if (!answer.isObject()) {
      throw new PyError(
          "AttributeError: '"
              + PyValues.type(answer).pythonName()
              + "' object has no attribute 'keys'");
    }
    if (value.size() != answer.size()) {
      return AcebenchVerdict.invalid(
          "value_error",
          wrong
              + ": [expected: "
              + PyValues.repr(answer)
              + ", real: ["
              + PyValues.repr(value)
              + "]]");
    }
    AcebenchVerdict result = AcebenchVerdict.VALID;
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isTextual() && v.textValue().equals("true")) {
        v = BooleanNode.TRUE;
      } else if (v.isTextual() && v.textValue().equals("false")) {
        v = BooleanNode.FALSE;
      }
      JsonNode exp = answer.get(e.getKey());
      if (exp == null) {
        return AcebenchVerdict.invalid("value_error", wrong + ": unexpected key " + e.getKey());
      }
      if (exp.isObject()) {
        result = dictChecker(param, v, exp, funcName);
        if (!result.valid()) {
          return result;
        }
      } else {
        // The official comparison: str(answer) must be a substring of str(value), after
        // standardising strings.
        String shown = PyValues.str(PyValues.standardizeIfString(v));
        String wanted = PyValues.str(PyValues.standardizeIfString(exp));
        if (!shown.contains(wanted)) {
          return AcebenchVerdict.invalid(
              "value_error",
              wrong + ": [expected: " + PyValues.repr(exp) + ", real: [" + PyValues.repr(v) + "]]");
        }
      }
    }
    return result;
  }

  private static AcebenchVerdict listDictChecker(
      String param, JsonNode value, JsonNode answer, String funcName) {
    int n = PyValues.len(answer);
    if (n < 0) {
      throw new PyError(
          "TypeError: object of type '" + PyValues.type(answer).pythonName() + "' has no len()");
    }
    if (value.size() != n) {
      return AcebenchVerdict.invalid(
          "value_error:list_dict_count",
          "wrong value for parameter ("
              + param
              + ") of api ("
              + funcName
              + "): wrong number of items");
    }
    AcebenchVerdict result = AcebenchVerdict.VALID;
    List<JsonNode> items = PyValues.indexable(answer);
    if (answer.isObject() && n > 0) {
      throw new PyError("KeyError: 0");
    }
    for (int i = 0; i < value.size(); i++) {
      result = dictChecker(param, value.get(i), items.get(i), funcName);
      if (!result.valid()) {
        return result;
      }
    }
    return result;
  }
}

package dev.looptool.core.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.bfcl.BfclCategory.Language;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.ToolCall;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The BFCL-v3 single-turn checker with the official semantics (gorilla's {@code ast_checker} and
 * the relevance runner): given an entry and the model's calls, the same valid/invalid verdict and
 * error type as the official Python evaluator. Stateless and thread-safe.
 */
public final class BfclChecker {

  /** Checks the model output of one entry; {@code calls} that is not a list could not be decoded. */
  public BfclVerdict check(BfclEntry entry, JsonNode calls, boolean underscoreToDot) {
    BfclCategory.Checker kind = entry.category().checker();
    if (kind == BfclCategory.Checker.MULTI_TURN) {
      throw new IllegalArgumentException(
          entry.id() + ": multi-turn entries are judged by executing calls; looptool takes their verdicts instead");
    }
    List<ToolCall> decoded = decode(calls);
    if (kind == BfclCategory.Checker.IRRELEVANCE) {
      return hasCall(calls, decoded)
          ? BfclVerdict.invalid("irrelevance_error:decoder_success", "Valid syntax. Successfully decode AST when it should not.")
          : BfclVerdict.VALID;
    }
    if (kind == BfclCategory.Checker.RELEVANCE) {
      return hasCall(calls, decoded)
          ? BfclVerdict.VALID
          : BfclVerdict.invalid("relevance_error:decoder_failed", "Invalid syntax. Failed to decode AST when it should have.");
    }
    if (calls == null || !calls.isArray()) {
      return BfclVerdict.invalid("ast_decoder:decoder_failed", "Invalid syntax. Failed to decode AST: calls is not a list.");
    }
    if (decoded == null) {
      return BfclVerdict.invalid(
          "ast_decoder:decoder_wrong_output_format",
          "Did not output in the specified format: every call must be {\"name\": string, \"arguments\": object}.");
    }
    return checkCalls(entry, decoded, underscoreToDot);
  }

  /** The official "does the output contain a function call" test of the relevance runner. */
  private static boolean hasCall(JsonNode calls, List<ToolCall> decoded) {
    return calls != null && calls.isArray() && decoded != null && !decoded.isEmpty();
  }

  /**
   * Turns {@code [{"name":..., "arguments": {...}}, ...]} into calls; null when the value is not a
   * list of such objects (the official "wrong output format").
   */
  public static List<ToolCall> decode(JsonNode calls) {
    if (calls == null || !calls.isArray()) {
      return null;
    }
    List<ToolCall> out = new ArrayList<>(calls.size());
    for (JsonNode c : calls) {
      if (!c.isObject()) {
        return null;
      }
      JsonNode name = c.get("name");
      JsonNode args = c.get("arguments");
      if (name == null || !name.isTextual() || (args != null && !args.isNull() && !args.isObject())) {
        return null;
      }
      out.add(new ToolCall(name.textValue(), args == null || args.isNull() ? null : (ObjectNode) args));
    }
    return out;
  }

  /** Checks decoded calls of an AST entry (simple, multiple or parallel category). */
  public BfclVerdict checkCalls(BfclEntry entry, List<ToolCall> calls, boolean underscoreToDot) {
    if (!entry.category().isAst()) {
      throw new IllegalArgumentException(entry.id() + " is not an AST entry");
    }
    Language lang = entry.category().language();
    List<JsonNode> answers = entry.groundTruth();
    try {
      switch (entry.category().checker()) {
        case PARALLEL_NO_ORDER:
          return parallelNoOrder(entry.functions(), calls, answers, lang, underscoreToDot);
        case MULTIPLE: {
          if (calls.size() != answers.size()) {
            return BfclVerdict.invalid("multiple_function_checker:wrong_count", "Wrong number of functions.");
          }
          JsonNode doc = findDoc(entry.functions(), answerName(answers.get(0)));
          return simple(doc, calls.get(0), answers.get(0), lang, underscoreToDot);
        }
        default: {
          if (calls.size() != 1) {
            return BfclVerdict.invalid("simple_function_checker:wrong_count", "Wrong number of functions.");
          }
          return simple(entry.functions().get(0), calls.get(0), answers.get(0), lang, underscoreToDot);
        }
      }
    } catch (UnsupportedTypeException e) {
      return BfclVerdict.invalid("ast_checker:unsupported_type", e.getMessage());
    }
  }

  private BfclVerdict parallelNoOrder(
      List<JsonNode> docs, List<ToolCall> calls, List<JsonNode> answers, Language lang, boolean u2d) {
    if (calls.size() != answers.size()) {
      return BfclVerdict.invalid("parallel_function_checker_no_order:wrong_count", "Wrong number of functions.");
    }
    boolean[] used = new boolean[calls.size()];
    for (int i = 0; i < answers.size(); i++) {
      JsonNode answer = answers.get(i);
      JsonNode doc = findDoc(docs, answerName(answer));
      BfclVerdict last = null;
      boolean matched = false;
      for (int j = 0; j < calls.size(); j++) {
        if (used[j]) {
          continue;
        }
        last = simple(doc, calls.get(j), answer, lang, u2d);
        if (last.valid()) {
          used[j] = true;
          matched = true;
          break;
        }
      }
      if (!matched) {
        return BfclVerdict.invalid(
            "parallel_function_checker_no_order:cannot_find_match",
            "Could not find a matching function among the unmatched model calls for index " + i
                + " of possible answers" + (last == null ? "." : "; last error: " + last.errorType() + ": " + last.error()));
      }
    }
    return BfclVerdict.VALID;
  }

  private static String answerName(JsonNode answer) {
    Iterator<String> names = answer.fieldNames();
    return names.hasNext() ? names.next() : "";
  }

  private static JsonNode findDoc(List<JsonNode> docs, String name) {
    for (JsonNode d : docs) {
      if (name.equals(d.path("name").asText())) {
        return d;
      }
    }
    // The official checker would fail on a missing doc; report it instead of guessing.
    throw new UnsupportedTypeException("no function doc named '" + name + "' for the expected answer");
  }

  /** The expected name as the model must write it: dots become underscores for such models. */
  static String expectedName(String docName, boolean underscoreToDot) {
    return underscoreToDot && docName.indexOf('.') >= 0 ? docName.replace('.', '_') : docName;
  }

  private BfclVerdict simple(JsonNode doc, ToolCall call, JsonNode answer, Language lang, boolean u2d) {
    JsonNode expected = answer.elements().hasNext() ? answer.elements().next() : Json.object();
    String funcName = expectedName(doc.path("name").asText(), u2d);
    JsonNode params = doc.path("parameters");
    JsonNode details = params.path("properties");
    if (!funcName.equals(call.name())) {
      return BfclVerdict.invalid(
          "simple_function_checker:wrong_func_name", "Function name '" + funcName + "' not found in model output.");
    }
    ObjectNode modelParams = call.arguments();
    for (JsonNode req : params.path("required")) {
      if (!modelParams.has(req.asText())) {
        return BfclVerdict.invalid(
            "simple_function_checker:missing_required", "Missing required parameter: '" + req.asText() + "'.");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = modelParams.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String param = e.getKey();
      JsonNode value = e.getValue();
      if (!details.has(param) || !expected.has(param)) {
        return BfclVerdict.invalid("simple_function_checker:unexpected_param", "Unexpected parameter: '" + param + "'.");
      }
      JsonNode detail = details.get(param);
      JsonNode typeNode = detail.get("type");
      if (typeNode == null || !typeNode.isTextual()) {
        throw new UnsupportedTypeException("parameter '" + param + "' of '" + funcName + "' has no type");
      }
      String typeDesc = typeNode.textValue();
      JsonNode options = expected.get(param);
      PyType expectedType;
      PyType nestedType = null;
      switch (lang) {
        case JAVA: {
          expectedType = JavaLiterals.pythonType(typeDesc);
          if (!value.isTextual()) {
            return BfclVerdict.invalid("type_error:java", "Incorrect type for parameter '" + param
                + "'. Expected type String, got " + PyValues.type(value).pythonName() + ". Parameter value: " + Json.compact(value) + ".");
          }
          String nested = null;
          if (typeDesc.equals("Array") || typeDesc.equals("ArrayList")) {
            nested = itemsType(detail, param);
            nestedType = JavaLiterals.pythonType(nested);
          }
          value = JavaLiterals.convert(value.textValue(), typeDesc, nested);
          break;
        }
        case JAVASCRIPT: {
          expectedType = JsLiterals.pythonType(typeDesc);
          if (!value.isTextual()) {
            return BfclVerdict.invalid("type_error:js", "Incorrect type for parameter '" + param
                + "'. Expected type String, got " + PyValues.type(value).pythonName() + ". Parameter value: " + Json.compact(value) + ".");
          }
          String nested = null;
          if (typeDesc.equals("array")) {
            nested = itemsType(detail, param);
            nestedType = JsLiterals.pythonType(nested);
          }
          value = JsLiterals.convert(value.textValue(), typeDesc, nested);
          break;
        }
        default: {
          expectedType = pythonType(typeDesc);
          if (typeDesc.equals("array") || typeDesc.equals("tuple")) {
            nestedType = pythonType(itemsType(detail, param));
          }
          // Python widens an int given for a float parameter.
          if (typeDesc.equals("float") && PyValues.type(value) == PyType.INT) {
            value = PyValues.floatNode(value.doubleValue());
          }
        }
      }
      TypeResult tr = typeCheck(value, options, expectedType, nestedType);
      if (!tr.valid) {
        String msg = tr.errorType.equals("type_error:nested")
            ? "Nested type checking failed for parameter '" + param + "'. Expected outer type " + typeDesc
                + " with inner type " + nestedType.pythonName() + ". Parameter value: " + Json.compact(value) + "."
            : "Incorrect type for parameter '" + param + "'. Expected type " + typeDesc + ", got "
                + PyValues.type(value).pythonName() + ". Parameter value: " + Json.compact(value) + ".";
        return BfclVerdict.invalid(tr.errorType, msg);
      }
      if (!tr.isVariable) {
        BfclVerdict v = null;
        if (expectedType == PyType.DICT) {
          v = dictChecker(param, value, options);
        } else if (expectedType == PyType.LIST && nestedType == PyType.DICT) {
          v = listDictChecker(param, value, options);
        } else if (expectedType == PyType.STR) {
          v = stringChecker(param, value, options);
        } else if (expectedType == PyType.LIST) {
          v = listChecker(param, value, options);
        }
        if (v != null) {
          if (!v.valid()) {
            return v;
          }
          continue;
        }
      }
      if (!PyValues.contains(options, value)) {
        return BfclVerdict.invalid("value_error:others", "Invalid value for parameter '" + param + "': "
            + Json.compact(value) + ". Expected one of " + Json.compact(options) + ".");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!modelParams.has(e.getKey()) && !PyValues.containsEmptyString(e.getValue())) {
        return BfclVerdict.invalid("simple_function_checker:missing_optional",
            "Optional parameter '" + e.getKey() + "' not provided and not marked as optional.");
      }
    }
    return BfclVerdict.VALID;
  }

  private static String itemsType(JsonNode detail, String param) {
    JsonNode t = detail.path("items").get("type");
    if (t == null || !t.isTextual()) {
      throw new UnsupportedTypeException("array parameter '" + param + "' has no items.type");
    }
    return t.textValue();
  }

  /** The official Python type table; a type outside it makes the official checker fail. */
  static PyType pythonType(String desc) {
    return switch (desc) {
      case "string", "any" -> PyType.STR;
      case "integer" -> PyType.INT;
      case "float" -> PyType.FLOAT;
      case "boolean" -> PyType.BOOL;
      case "array", "tuple" -> PyType.LIST;
      case "dict" -> PyType.DICT;
      default -> throw new UnsupportedTypeException("type '" + desc + "' is not in the official Python type table");
    };
  }

  private record TypeResult(boolean valid, boolean isVariable, String errorType) {}

  private static final TypeResult OK = new TypeResult(true, false, null);
  private static final TypeResult OK_VARIABLE = new TypeResult(true, true, null);

  /** The type of the first option that is not {@code ""} (the "variable" rule uses it), or null. */
  private static PyType answerType(JsonNode options) {
    for (JsonNode o : PyValues.indexable(options)) {
      if (!(o.isTextual() && o.textValue().isEmpty())) {
        return PyValues.type(o);
      }
    }
    return null;
  }

  private static TypeResult typeCheck(JsonNode value, JsonNode options, PyType expected, PyType nested) {
    PyType answerType = answerType(options);
    boolean isVariable = answerType != null && answerType != expected;
    PyType valueType = PyValues.type(value);
    boolean nestedFailed = false;
    if (valueType == expected) {
      if (nested == null) {
        return isVariable ? OK_VARIABLE : OK;
      }
      for (JsonNode option : PyValues.indexable(options)) {
        boolean flag = true;
        if (option.isArray()) {
          for (JsonNode item : value) {
            if (!typeCheck(item, option, nested, null).valid) {
              flag = false;
              break;
            }
          }
        }
        if (flag) {
          return isVariable ? OK_VARIABLE : OK;
        }
      }
      nestedFailed = true;
    }
    if (answerType != null && valueType == answerType) {
      return nestedFailed ? new TypeResult(false, true, "type_error:nested") : OK_VARIABLE;
    }
    return new TypeResult(false, false, "type_error:simple");
  }

  private static BfclVerdict stringChecker(String param, JsonNode value, JsonNode options) {
    String v = PyValues.standardize(value.textValue());
    for (JsonNode o : PyValues.indexable(options)) {
      if (o.isTextual() && PyValues.standardize(o.textValue()).equals(v)) {
        return BfclVerdict.VALID;
      }
    }
    return BfclVerdict.invalid("value_error:string", "Invalid value for parameter '" + param + "': "
        + Json.compact(value) + ". Expected one of " + Json.compact(options) + ". Case insensitive.");
  }

  private static BfclVerdict listChecker(String param, JsonNode value, JsonNode options) {
    ArrayNode model = JsonNodeFactory.instance.arrayNode(value.size());
    for (JsonNode item : value) {
      model.add(PyValues.standardizeIfString(item));
    }
    for (JsonNode o : PyValues.indexable(options)) {
      if (!o.isArray() && !o.isTextual()) {
        continue;
      }
      ArrayNode option = JsonNodeFactory.instance.arrayNode();
      for (JsonNode item : PyValues.indexable(o)) {
        option.add(PyValues.standardizeIfString(item));
      }
      if (PyValues.equal(model, option)) {
        return BfclVerdict.VALID;
      }
    }
    return BfclVerdict.invalid("value_error:list/tuple", "Invalid value for parameter '" + param + "': "
        + Json.compact(value) + ". Expected one of " + Json.compact(options) + ".");
  }

  private static BfclVerdict dictChecker(String param, JsonNode value, JsonNode options) {
    BfclVerdict result = BfclVerdict.invalid("dict_checker:unclear", "No dict option matched parameter '" + param + "'.");
    for (JsonNode option : PyValues.indexable(options)) {
      if (option.isTextual() && option.textValue().isEmpty()) {
        continue;
      }
      result = BfclVerdict.invalid("dict_checker:unclear", "No dict option matched parameter '" + param + "'.");
      boolean flag = true;
      if (!value.isObject() || !option.isObject()) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        if (!option.has(key)) {
          result = BfclVerdict.invalid("value_error:dict_key", "Unexpected dict key parameter: '" + key + "'.");
          flag = false;
          break;
        }
        JsonNode v = PyValues.standardizeIfString(e.getValue());
        boolean found = false;
        for (JsonNode o : PyValues.indexable(option.get(key))) {
          if (PyValues.equal(v, PyValues.standardizeIfString(o))) {
            found = true;
            break;
          }
        }
        if (!found) {
          result = BfclVerdict.invalid("value_error:dict_value", "Invalid value for parameter '" + key + "': "
              + Json.compact(e.getValue()) + ". Expected one of " + Json.compact(option.get(key)) + ".");
          flag = false;
          break;
        }
      }
      // The official checker runs this loop even after a failure above, so its error type wins.
      for (Iterator<Map.Entry<String, JsonNode>> it = option.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!value.has(e.getKey()) && !PyValues.containsEmptyString(e.getValue())) {
          result = BfclVerdict.invalid("value_error:dict_key", "Missing dict key parameter: '" + e.getKey() + "'.");
          flag = false;
          break;
        }
      }
      if (flag) {
        return BfclVerdict.VALID;
      }
    }
    return result;
  }

  private static BfclVerdict listDictChecker(String param, JsonNode value, JsonNode options) {
    BfclVerdict result = BfclVerdict.invalid("list_dict_checker:unclear", "No list-of-dicts option matched parameter '" + param + "'.");
    for (JsonNode option : PyValues.indexable(options)) {
      int n = PyValues.len(option);
      if (value.size() != n) {
        result = BfclVerdict.invalid("value_error:list_dict_count", "Wrong number of dictionaries in the list.");
        continue;
      }
      List<JsonNode> items = PyValues.indexable(option);
      boolean flag = true;
      for (int i = 0; i < value.size(); i++) {
        ArrayNode single = JsonNodeFactory.instance.arrayNode(1);
        single.add(i < items.size() ? items.get(i) : option);
        result = dictChecker(param, value.get(i), single);
        if (!result.valid()) {
          flag = false;
          break;
        }
      }
      if (flag) {
        return BfclVerdict.VALID;
      }
    }
    return result;
  }
}

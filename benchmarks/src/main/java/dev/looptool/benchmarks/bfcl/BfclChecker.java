package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.benchmarks.bfcl.BfclCategory.Language;
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
 *
 * <p>Long on purpose: it follows gorilla's checker function by function, in its order and with its
 * error type names, so that each rule can be read side by side with the Python it reproduces.
 */
public final class BfclChecker {

  /**
   * Checks the model output of one entry; {@code calls} that is not a list could not be decoded.
   */
  public BfclVerdict check(BfclEntry entry, JsonNode calls, boolean underscoreToDot) {
    BfclCategory.Checker kind = entry.category().checker();
    if (kind == BfclCategory.Checker.MULTI_TURN) {
      throw new IllegalArgumentException(
          entry.id()
              + ": multi-turn entries are judged by executing calls; looptool takes their verdicts instead");
    }
    List<ToolCall> decoded = decode(calls);
    if (kind == BfclCategory.Checker.IRRELEVANCE) {
      return hasCall(calls, decoded)
          ? BfclVerdict.invalid(
              "irrelevance_error:decoder_success",
              "Valid syntax. Successfully decode AST when it should not.")
          : BfclVerdict.VALID;
    }
    if (kind == BfclCategory.Checker.RELEVANCE) {
      return hasCall(calls, decoded)
          ? BfclVerdict.VALID
          : BfclVerdict.invalid(
              "relevance_error:decoder_failed",
              "Invalid syntax. Failed to decode AST when it should have.");
    }
    if (calls == null || !calls.isArray()) {
      return BfclVerdict.invalid(
          "ast_decoder:decoder_failed",
          "Invalid syntax. Failed to decode AST: calls is not a list.");
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
      if (name == null
          || !name.isTextual()
          || (args != null && !args.isNull() && !args.isObject())) {
        return null;
      }
      out.add(
          new ToolCall(name.textValue(), args == null || args.isNull() ? null : (ObjectNode) args));
    }
    return out;
  }

  /** Checks decoded calls of an AST entry (simple, multiple or parallel category). */
  public BfclVerdict checkCalls(BfclEntry entry, List<ToolCall> calls, boolean underscoreToDot) {
    if (!entry.category().isAst()) {
      throw new IllegalArgumentException(entry.id() + " is not an AST entry");
    }
    Language lang = entry.category().language();
    PreparedAnswer[] answers = entry.prepared();
    try {
      switch (entry.category().checker()) {
        case PARALLEL_NO_ORDER:
          return parallelNoOrder(calls, answers, lang, underscoreToDot);
        case MULTIPLE:
          if (calls.size() != answers.length) {
            return BfclVerdict.invalid(
                "multiple_function_checker:wrong_count", "Wrong number of functions.");
          }
          return simple(calls.get(0), answers[0], lang, underscoreToDot);
        default:
          if (calls.size() != 1) {
            return BfclVerdict.invalid(
                "simple_function_checker:wrong_count", "Wrong number of functions.");
          }
          return simple(calls.get(0), answers[0], lang, underscoreToDot);
      }
    } catch (UnsupportedTypeException e) {
      return BfclVerdict.invalid("ast_checker:unsupported_type", e.getMessage());
    }
  }

  private BfclVerdict parallelNoOrder(
      List<ToolCall> calls, PreparedAnswer[] answers, Language lang, boolean u2d) {
    if (calls.size() != answers.length) {
      return BfclVerdict.invalid(
          "parallel_function_checker_no_order:wrong_count", "Wrong number of functions.");
    }
    boolean[] used = new boolean[calls.size()];
    for (int i = 0; i < answers.length; i++) {
      BfclVerdict last = null;
      boolean matched = false;
      for (int j = 0; j < calls.size(); j++) {
        if (used[j]) {
          continue;
        }
        last = simple(calls.get(j), answers[i], lang, u2d);
        if (last.valid()) {
          used[j] = true;
          matched = true;
          break;
        }
      }
      if (!matched) {
        final int index = i;
        final BfclVerdict lastError = last;
        return BfclVerdict.invalid(
            "parallel_function_checker_no_order:cannot_find_match",
            () ->
                "Could not find a matching function among the unmatched model calls for index "
                    + index
                    + " of possible answers"
                    + (lastError == null
                        ? "."
                        : "; last error: " + lastError.errorType() + ": " + lastError.error()));
      }
    }
    return BfclVerdict.VALID;
  }

  /** The expected name as the model must write it: dots become underscores for such models. */
  static String expectedName(String docName, boolean underscoreToDot) {
    return underscoreToDot && docName.indexOf('.') >= 0 ? docName.replace('.', '_') : docName;
  }

  private BfclVerdict simple(ToolCall call, PreparedAnswer answer, Language lang, boolean u2d) {
    if (answer.docProblem != null) {
      // The official checker would fail on a missing doc; report it instead of guessing.
      throw answer.docProblem;
    }
    String funcName = answer.expectedName(u2d);
    if (!funcName.equals(call.name())) {
      return BfclVerdict.invalid(
          "simple_function_checker:wrong_func_name",
          "Function name '" + funcName + "' not found in model output.");
    }
    ObjectNode modelParams = call.arguments();
    for (String req : answer.required) {
      if (!modelParams.has(req)) {
        return BfclVerdict.invalid(
            "simple_function_checker:missing_required",
            "Missing required parameter: '" + req + "'.");
      }
    }
    int mandatorySeen = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = modelParams.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String param = e.getKey();
      JsonNode value = e.getValue();
      PreparedAnswer.Param p = answer.params.get(param);
      if (p == null || !p.inDoc) {
        return BfclVerdict.invalid(
            "simple_function_checker:unexpected_param", "Unexpected parameter: '" + param + "'.");
      }
      if (!p.optional) {
        mandatorySeen++;
      }
      if (p.typeProblem != null) {
        throw p.typeProblem;
      }
      final JsonNode given = value;
      switch (lang) {
        case JAVA:
          if (!value.isTextual()) {
            return notAString("type_error:java", param, given);
          }
          value = JavaLiterals.convert(value.textValue(), p.typeDesc, p.nestedDesc);
          break;
        case JAVASCRIPT:
          if (!value.isTextual()) {
            return notAString("type_error:js", param, given);
          }
          value = JsLiterals.convert(value.textValue(), p.typeDesc, p.nestedDesc);
          break;
        default:
          value = PyValues.asPython(value);
          // Python widens an int given for a float parameter.
          if (p.expected == PyType.FLOAT && value.isIntegralNumber()) {
            value = PyValues.floatNode(value.doubleValue());
          }
      }
      TypeResult tr = typeCheck(value, p.answerType, p.optionList, p.expected, p.nested);
      final JsonNode checked = value;
      if (!tr.valid) {
        return BfclVerdict.invalid(
            tr.errorType,
            () ->
                tr.errorType.equals("type_error:nested")
                    ? "Nested type checking failed for parameter '"
                        + param
                        + "'. Expected outer type "
                        + p.typeDesc
                        + " with inner type "
                        + p.nested.pythonName()
                        + ". Parameter value: "
                        + Json.compact(checked)
                        + "."
                    : "Incorrect type for parameter '"
                        + param
                        + "'. Expected type "
                        + p.typeDesc
                        + ", got "
                        + PyValues.type(checked).pythonName()
                        + ". Parameter value: "
                        + Json.compact(checked)
                        + ".");
      }
      if (!tr.isVariable) {
        BfclVerdict v = null;
        if (p.expected == PyType.DICT) {
          v = dictChecker(param, value, p.optionList);
        } else if (p.expected == PyType.LIST && p.nested == PyType.DICT) {
          v = listDictChecker(param, value, p.optionList);
        } else if (p.expected == PyType.STR) {
          v =
              PyValues.standardizedIn(value.textValue(), p.standardizedArray)
                  ? BfclVerdict.VALID
                  : notAnOption(
                      "value_error:string", param, checked, p.options, " Case insensitive.");
        } else if (p.expected == PyType.LIST) {
          v = listChecker(param, value, p.standardizedListOptions, p.options);
        }
        if (v != null) {
          if (!v.valid()) {
            return v;
          }
          continue;
        }
      }
      if (!PyValues.contains(p.options, value)) {
        return notAnOption("value_error:others", param, checked, p.options, "");
      }
    }
    if (mandatorySeen == answer.mandatoryCount) {
      // Every answer parameter without a "" option was in the call (each name appears once).
      return BfclVerdict.VALID;
    }
    for (PreparedAnswer.Param p : answer.answerParams) {
      if (!p.optional && !modelParams.has(p.name)) {
        return BfclVerdict.invalid(
            "simple_function_checker:missing_optional",
            "Optional parameter '" + p.name + "' not provided and not marked as optional.");
      }
    }
    return BfclVerdict.VALID;
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
      default ->
          throw new UnsupportedTypeException(
              "type '" + desc + "' is not in the official Python type table");
    };
  }

  private record TypeResult(boolean valid, boolean isVariable, String errorType) {}

  private static final TypeResult OK = new TypeResult(true, false, null);
  private static final TypeResult OK_VARIABLE = new TypeResult(true, true, null);

  /** The type of the first option that is not {@code ""} (the "variable" rule uses it), or null. */
  private static PyType answerType(List<JsonNode> options) {
    for (JsonNode o : options) {
      if (!(o.isTextual() && o.textValue().isEmpty())) {
        return PyValues.type(o);
      }
    }
    return null;
  }

  private static TypeResult typeCheck(
      JsonNode value, PyType answerType, List<JsonNode> options, PyType expected, PyType nested) {
    boolean isVariable = answerType != null && answerType != expected;
    PyType valueType = PyValues.type(value);
    boolean nestedFailed = false;
    if (valueType == expected) {
      if (nested == null) {
        return isVariable ? OK_VARIABLE : OK;
      }
      for (JsonNode option : options) {
        boolean flag = true;
        if (option.isArray()) {
          List<JsonNode> items = PyValues.indexable(option);
          PyType itemsAnswerType = answerType(items);
          for (JsonNode item : value) {
            if (!typeCheck(item, itemsAnswerType, items, nested, null).valid) {
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

  private static BfclVerdict listChecker(
      String param, JsonNode value, List<JsonNode> standardizedOptions, JsonNode options) {
    ArrayNode model = JsonNodeFactory.instance.arrayNode(value.size());
    for (JsonNode item : value) {
      model.add(PyValues.standardizeIfString(item));
    }
    for (JsonNode option : standardizedOptions) {
      if (PyValues.equal(model, option)) {
        return BfclVerdict.VALID;
      }
    }
    return notAnOption("value_error:list/tuple", param, value, options, "");
  }

  private static BfclVerdict dictChecker(String param, JsonNode value, List<JsonNode> options) {
    BfclVerdict result =
        BfclVerdict.invalid(
            "dict_checker:unclear", "No dict option matched parameter '" + param + "'.");
    for (JsonNode option : options) {
      if (option.isTextual() && option.textValue().isEmpty()) {
        continue;
      }
      result =
          BfclVerdict.invalid(
              "dict_checker:unclear", "No dict option matched parameter '" + param + "'.");
      boolean flag = true;
      if (!value.isObject() || !option.isObject()) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        if (!option.has(key)) {
          result =
              BfclVerdict.invalid(
                  "value_error:dict_key", "Unexpected dict key parameter: '" + key + "'.");
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
          JsonNode shown = e.getValue();
          JsonNode allowed = option.get(key);
          result =
              BfclVerdict.invalid(
                  "value_error:dict_value",
                  () ->
                      "Invalid value for parameter '"
                          + key
                          + "': "
                          + Json.compact(shown)
                          + ". Expected one of "
                          + Json.compact(allowed)
                          + ".");
          flag = false;
          break;
        }
      }
      // The official checker runs this loop even after a failure above, so its error type wins.
      for (Iterator<Map.Entry<String, JsonNode>> it = option.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!value.has(e.getKey()) && !PyValues.containsEmptyString(e.getValue())) {
          result =
              BfclVerdict.invalid(
                  "value_error:dict_key", "Missing dict key parameter: '" + e.getKey() + "'.");
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

  private static BfclVerdict listDictChecker(String param, JsonNode value, List<JsonNode> options) {
    BfclVerdict result =
        BfclVerdict.invalid(
            "list_dict_checker:unclear",
            "No list-of-dicts option matched parameter '" + param + "'.");
    for (JsonNode option : options) {
      int n = PyValues.len(option);
      if (value.size() != n) {
        result =
            BfclVerdict.invalid(
                "value_error:list_dict_count", "Wrong number of dictionaries in the list.");
        continue;
      }
      List<JsonNode> items = PyValues.indexable(option);
      boolean flag = true;
      for (int i = 0; i < value.size(); i++) {
        result =
            dictChecker(param, value.get(i), List.of(i < items.size() ? items.get(i) : option));
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

  /** A value that is none of the parameter's {@code options}; {@code note} ends the text. */
  private static BfclVerdict notAnOption(
      String errorType, String param, JsonNode value, JsonNode options, String note) {
    return BfclVerdict.invalid(
        errorType,
        () ->
            "Invalid value for parameter '"
                + param
                + "': "
                + Json.compact(value)
                + ". Expected one of "
                + Json.compact(options)
                + "."
                + note);
  }

  /** Java and JavaScript parameters take their values as source strings. */
  private static BfclVerdict notAString(String errorType, String param, JsonNode given) {
    return BfclVerdict.invalid(
        errorType,
        () ->
            "Incorrect type for parameter '"
                + param
                + "'. Expected type String, got "
                + PyValues.type(given).pythonName()
                + ". Parameter value: "
                + Json.compact(given)
                + ".");
  }
}

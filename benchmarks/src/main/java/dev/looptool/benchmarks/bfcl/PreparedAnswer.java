package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.benchmarks.bfcl.BfclCategory.Language;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One expected call with its function doc, with everything the checker would otherwise recompute
 * per check worked out once: the doc's required and known parameters, and per answer parameter its
 * declared type, acceptable options, the type of its first non-empty option and its standardised
 * string options. A doc the official checker could not use is kept as the problem to report.
 */
final class PreparedAnswer {
  final JsonNode doc;
  final String docName;
  final String docNameUnderscored;
  final String[] required;
  final Set<String> docParams;
  final Map<String, Param> params;

  /** The answer's parameters in order, for the missing-optional pass. */
  final Param[] answerParams;

  /** How many answer parameters have no {@code ""} option (each must be in the call). */
  final int mandatoryCount;

  final UnsupportedTypeException docProblem;

  /** One parameter of the answer. */
  static final class Param {
    final String name;
    final JsonNode options;
    final List<JsonNode> optionList;
    final PyType answerType;
    final boolean optional;

    /** The string options, standardised (a linear scan beats hashing for a few options). */
    final String[] standardizedArray;

    final String typeDesc;
    final String nestedDesc;
    final PyType expected;
    final PyType nested;
    final UnsupportedTypeException typeProblem;

    /** Whether the doc declares this parameter (a model may only use parameters in both). */
    boolean inDoc;

    /**
     * For list parameters: each list (or string) option with its top-level strings standardised.
     */
    final List<JsonNode> standardizedListOptions = new ArrayList<>();

    Param(String name, JsonNode rawOptions, JsonNode detail, Language lang) {
      this.name = name;
      JsonNode options = PyValues.asPython(rawOptions);
      this.options = options;
      this.optionList = PyValues.indexable(options);
      this.optional = PyValues.containsEmptyString(options);
      PyType at = null;
      for (JsonNode o : optionList) {
        if (!(o.isTextual() && o.textValue().isEmpty())) {
          at = PyValues.type(o);
          break;
        }
      }
      this.answerType = at;
      Set<String> standardizedStrings = new java.util.LinkedHashSet<>();
      for (JsonNode o : optionList) {
        if (o.isTextual()) {
          standardizedStrings.add(PyValues.standardize(o.textValue()));
        }
        if (o.isArray() || o.isTextual()) {
          com.fasterxml.jackson.databind.node.ArrayNode std =
              com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
          for (JsonNode item : PyValues.indexable(o)) {
            std.add(PyValues.standardizeIfString(item));
          }
          standardizedListOptions.add(std);
        }
      }
      this.standardizedArray = standardizedStrings.toArray(new String[0]);
      String type = null;
      String nestedType = null;
      PyType exp = null;
      PyType nest = null;
      UnsupportedTypeException problem = null;
      try {
        JsonNode t = detail == null ? null : detail.get("type");
        if (t == null || !t.isTextual()) {
          throw new UnsupportedTypeException("parameter '" + name + "' has no type");
        }
        type = t.textValue();
        switch (lang) {
          case JAVA -> {
            exp = JavaLiterals.pythonType(type);
            if (type.equals("Array") || type.equals("ArrayList")) {
              nestedType = itemsType(detail, name);
              nest = JavaLiterals.pythonType(nestedType);
            }
          }
          case JAVASCRIPT -> {
            exp = JsLiterals.pythonType(type);
            if (type.equals("array")) {
              nestedType = itemsType(detail, name);
              nest = JsLiterals.pythonType(nestedType);
            }
          }
          default -> {
            exp = BfclChecker.pythonType(type);
            if (type.equals("array") || type.equals("tuple")) {
              nestedType = itemsType(detail, name);
              nest = BfclChecker.pythonType(nestedType);
            }
          }
        }
      } catch (UnsupportedTypeException e) {
        problem = e;
      }
      this.typeDesc = type;
      this.nestedDesc = nestedType;
      this.expected = exp;
      this.nested = nest;
      this.typeProblem = problem;
    }

    private static String itemsType(JsonNode detail, String param) {
      JsonNode t = detail.path("items").get("type");
      if (t == null || !t.isTextual()) {
        throw new UnsupportedTypeException("array parameter '" + param + "' has no items.type");
      }
      return t.textValue();
    }
  }

  PreparedAnswer(JsonNode doc, JsonNode answer, Language lang) {
    this.doc = doc;
    JsonNode expected = answer.elements().hasNext() ? answer.elements().next() : null;
    if (doc == null) {
      docProblem =
          new UnsupportedTypeException(
              "no function doc named '"
                  + BfclEntry.answerName(answer)
                  + "' for the expected answer");
      docName = docNameUnderscored = null;
      required = new String[0];
      docParams = Set.of();
      params = Map.of();
      answerParams = new Param[0];
      mandatoryCount = 0;
      return;
    }
    docProblem = null;
    docName = doc.path("name").asText();
    docNameUnderscored = docName.replace('.', '_');
    JsonNode parameters = doc.path("parameters");
    List<String> req = new ArrayList<>();
    parameters.path("required").forEach(r -> req.add(r.asText()));
    required = req.toArray(new String[0]);
    JsonNode props = parameters.path("properties");
    Set<String> known = new HashSet<>();
    props.fieldNames().forEachRemaining(known::add);
    docParams = known;
    params = new HashMap<>();
    List<Param> ordered = new ArrayList<>();
    if (expected != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Param p = new Param(e.getKey(), e.getValue(), props.get(e.getKey()), lang);
        p.inDoc = known.contains(e.getKey());
        params.put(e.getKey(), p);
        ordered.add(p);
      }
    }
    answerParams = ordered.toArray(new Param[0]);
    mandatoryCount = (int) ordered.stream().filter(p -> !p.optional).count();
  }

  String expectedName(boolean underscoreToDot) {
    return underscoreToDot ? docNameUnderscored : docName;
  }
}

package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a JavaScript literal (as BFCL's JavaScript category receives model values: strings such
 * as {@code [1, 2]}, {@code {'a': 1}}, {@code 12n}) into the value the official converter produces,
 * including its regex-level parsing of arrays and objects (no nesting beyond what those regexes
 * see).
 */
public final class JsLiterals {
  private JsLiterals() {}

  /**
   * The JavaScript types of the official conversion table with the Python type each converts to.
   */
  public static PyType pythonType(String jsType) {
    return switch (jsType) {
      case "String", "any" -> PyType.STR;
      case "integer", "Bigint" -> PyType.INT;
      case "float" -> PyType.FLOAT;
      case "Boolean" -> PyType.BOOL;
      case "dict" -> PyType.DICT;
      case "array" -> PyType.LIST;
      default ->
          throw new UnsupportedTypeException(
              "JavaScript type '" + jsType + "' is not in the official conversion table");
    };
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern INTEGER = PyRegex.compile("^-?\\d+$");
  private static final Pattern FLOAT = PyRegex.compile("^-?\\d+(\\.\\d+)?$");
  private static final Pattern BIGINT = PyRegex.compile("^-?\\d+n$");
  private static final Pattern ARRAY_2D =
      PyRegex.compile(
          "\\[\\s*\\[.*?\\]\\s*(,\\s*\\[.*?\\]\\s*)*\\]|\\bnew\\s+Array\\(\\s*\\[.*?\\]\\s*(,\\s*\\[.*?\\]\\s*)*\\)");
  private static final Pattern ARRAY = PyRegex.compile("\\[(.*?)\\]|\\bnew\\s+Array\\((.*?)\\)");
  private static final Pattern INNER_ARRAY = PyRegex.compile("\\[(.*?)\\]");
  private static final Pattern DICT = PyRegex.compile("\\{(.*?)\\}");
  private static final Pattern PAIR = PyRegex.compile("([^:]+):\\s*(.*?)(?:,\\s*(?=[^,]+:)|$)");

  /**
   * Converts {@code value} for a parameter of {@code type} (items of {@code nestedType}, or null).
   */
  public static JsonNode convert(String value, String type, String nestedType) {
    pythonType(type);
    switch (type) {
      case "String":
        if (!(value.startsWith("\"") && value.endsWith("\""))
            && !(value.startsWith("'") && value.endsWith("'"))) {
          return TextNode.valueOf(value);
        }
        return TextNode.valueOf(PyRegex.inner(value));
      case "integer":
        return PyRegex.match(INTEGER, value)
            ? PyValues.intNode(PyValues.pyInt(value))
            : TextNode.valueOf(value);
      case "float":
        return PyRegex.match(FLOAT, value)
            ? PyValues.floatNode(PyValues.pyFloat(value))
            : TextNode.valueOf(value);
      case "Bigint":
        return PyRegex.match(BIGINT, value)
            ? PyValues.intNode(PyValues.pyInt(value.substring(0, value.length() - 1)))
            : TextNode.valueOf(value);
      case "Boolean":
        return value.equals("true") || value.equals("false")
            ? BooleanNode.valueOf(value.equals("true"))
            : TextNode.valueOf(value);
      case "dict":
        return dict(value.strip());
      case "array":
        return array(value.strip(), nestedType);
      default:
        return TextNode.valueOf(value);
    }
  }

  private static JsonNode array(String code, String nestedType) {
    try {
      Matcher m2 = ARRAY_2D.matcher(code);
      if (m2.lookingAt()) {
        ArrayNode out = NODES.arrayNode();
        Matcher inner = INNER_ARRAY.matcher(m2.group(0));
        boolean first = true;
        while (inner.find()) {
          String s = inner.group(1).strip();
          if (first && s.startsWith("[")) {
            s = s.substring(1);
          }
          first = false;
          ArrayNode row = NODES.arrayNode();
          for (String e : PyRegex.splitComma(s)) {
            row.add(value(e.strip()));
          }
          out.add(row);
        }
        return out;
      }
      Matcher m = ARRAY.matcher(code);
      if (!m.lookingAt()) {
        return TextNode.valueOf(code);
      }
      String body = m.group(1) != null ? m.group(1) : m.group(2);
      ArrayNode out = NODES.arrayNode();
      body = body == null ? "" : body.strip();
      if (body.isEmpty()) {
        return out;
      }
      for (String e : PyRegex.splitComma(body)) {
        String x = e.strip();
        if (nestedType != null) {
          boolean quoted = x.startsWith("'") || x.startsWith("\"");
          out.add(convert(x, nestedType, quoted ? "String" : null));
        } else {
          out.add(value(x));
        }
      }
      return out;
    } catch (UnsupportedTypeException e) {
      // The official parser catches every error here and keeps the text.
      return TextNode.valueOf(code);
    }
  }

  private static JsonNode dict(String code) {
    if (code.equals("{}")) {
      return NODES.objectNode();
    }
    Matcher m = DICT.matcher(code);
    if (!m.lookingAt()) {
      return TextNode.valueOf(code);
    }
    ObjectNode out = NODES.objectNode();
    Matcher pair = PAIR.matcher(m.group(1));
    while (pair.find()) {
      String key = PyRegex.strip(pair.group(1).strip(), "'\"");
      String v = pair.group(2).strip();
      if (v.startsWith("[") && v.endsWith("]")) {
        out.set(key, array(v, null));
      } else if (v.startsWith("{") && v.endsWith("}")) {
        out.set(key, dict(v));
      } else {
        out.set(key, value(PyRegex.strip(v, "'\"")));
      }
    }
    return out;
  }

  /**
   * A JavaScript literal without a declared type: boolean, quoted string, int, float, else text.
   */
  public static JsonNode value(String raw) {
    String s = raw.strip();
    if (s.equals("true")) {
      return BooleanNode.TRUE;
    }
    if (s.equals("false")) {
      return BooleanNode.FALSE;
    }
    if ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("'") && s.endsWith("'"))) {
      return TextNode.valueOf(PyRegex.inner(s));
    }
    BigInteger i = PyValues.pyInt(s);
    if (i != null) {
      return PyValues.intNode(i);
    }
    Double d = PyValues.pyFloat(s);
    return d != null ? PyValues.floatNode(d) : TextNode.valueOf(s);
  }
}

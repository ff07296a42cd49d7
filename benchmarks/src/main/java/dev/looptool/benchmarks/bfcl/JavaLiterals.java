package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a Java literal (as BFCL's Java category receives model values: strings such as {@code
 * 3.5f}, {@code 12L} or {@code new ArrayList<>(Arrays.asList("a", "b"))}) into the value the
 * official converter produces. Like the official one, it is lenient: text that does not match the
 * expected type's syntax stays a string, which the type check then rejects.
 */
public final class JavaLiterals {
  private JavaLiterals() {}

  /** The Java types of the official conversion table with the Python type each converts to. */
  public static PyType pythonType(String javaType) {
    return switch (javaType) {
      case "byte", "short", "integer", "long" -> PyType.INT;
      case "float", "double" -> PyType.FLOAT;
      case "boolean" -> PyType.BOOL;
      case "char", "String", "any" -> PyType.STR;
      case "Array", "ArrayList", "Queue", "Stack" -> PyType.LIST;
      case "Set" -> PyType.SET;
      case "HashMap", "Hashtable" -> PyType.DICT;
      default ->
          throw new UnsupportedTypeException(
              "Java type '" + javaType + "' is not in the official conversion table");
    };
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern INTEGER = PyRegex.compile("^-?\\d+$");
  private static final Pattern FLOAT = PyRegex.compile("^-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?[fF]$");
  private static final Pattern DOUBLE = PyRegex.compile("^-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?$");
  private static final Pattern LONG = PyRegex.compile("^-?\\d+[lL]$");
  private static final Pattern TRAILING_F = PyRegex.compile("[fF]$");
  private static final Pattern TRAILING_L = PyRegex.compile("[lL]$");
  private static final Pattern AS_LIST =
      PyRegex.compile("new\\s+ArrayList<\\w*>\\(Arrays\\.asList\\((.+?)\\)\\)");
  private static final Pattern ADD_BLOCK =
      PyRegex.compileDotAll("new\\s+ArrayList<\\w*>\\(\\)\\s*\\{\\{\\s*(.+?)\\s*\\}\\}");
  private static final Pattern ADD = PyRegex.compile("add\\((.+?)\\)");
  private static final Pattern EMPTY_LIST = PyRegex.compile("new\\s+ArrayList<\\w*>\\(\\)");
  private static final Pattern ARRAY = PyRegex.compile("new\\s+\\w+\\[\\]\\s*\\{(.*?)\\}");
  private static final Pattern HASHMAP =
      PyRegex.compileDotAll("new\\s+HashMap<.*?>\\s*\\(\\)\\s*\\{\\s*\\{?\\s*(.*?)\\s*\\}?\\s*\\}");
  private static final Pattern PUT = PyRegex.compile("put\\(\\\"(.*?)\\\",\\s*(.*?)\\)");
  private static final Pattern EMPTY_MAP = PyRegex.compile("new\\s+HashMap<.*?>\\s*\\(\\)");
  private static final Set<String> NOT_IMPLEMENTED = Set.of("Set", "Hashtable", "Queue", "Stack");

  /**
   * Converts {@code value} for a parameter of {@code type} (items of {@code nestedType}, or null).
   */
  public static JsonNode convert(String value, String type, String nestedType) {
    pythonType(type);
    if (NOT_IMPLEMENTED.contains(type)) {
      throw new UnsupportedTypeException(
          type + " conversion is not implemented by the official converter");
    }
    switch (type) {
      case "byte", "short", "integer":
        return PyRegex.match(INTEGER, value)
            ? PyValues.intNode(PyValues.pyInt(value))
            : TextNode.valueOf(value);
      case "float":
        return PyRegex.match(FLOAT, value)
            ? PyValues.floatNode(PyValues.pyFloat(TRAILING_F.matcher(value).replaceFirst("")))
            : TextNode.valueOf(value);
      case "double":
        return PyRegex.match(DOUBLE, value)
            ? PyValues.floatNode(PyValues.pyFloat(value))
            : TextNode.valueOf(value);
      case "long":
        return PyRegex.match(LONG, value)
            ? PyValues.intNode(PyValues.pyInt(TRAILING_L.matcher(value).replaceFirst("")))
            : TextNode.valueOf(value);
      case "boolean":
        return value.equals("true") || value.equals("false")
            ? BooleanNode.valueOf(value.equals("true"))
            : TextNode.valueOf(value);
      case "ArrayList":
        return arrayList(value, nestedType);
      case "Array":
        return array(value, nestedType);
      case "HashMap":
        return hashMap(value);
      default:
        // char (whose official pattern can never match), String and any stay as written.
        return TextNode.valueOf(value);
    }
  }

  private static JsonNode element(String text, String nestedType) {
    if ("char".equals(nestedType) || "String".equals(nestedType)) {
      return TextNode.valueOf(PyRegex.inner(text));
    }
    return nestedType != null ? convert(text, nestedType, null) : value(text);
  }

  private static JsonNode arrayList(String s, String nestedType) {
    Matcher m = AS_LIST.matcher(s);
    if (m.find()) {
      ArrayNode out = NODES.arrayNode();
      for (String part : PyRegex.splitComma(m.group(1))) {
        out.add(element(part.strip(), nestedType));
      }
      return out;
    }
    m = ADD_BLOCK.matcher(s);
    if (m.find()) {
      ArrayNode out = NODES.arrayNode();
      Matcher add = ADD.matcher(m.group(1));
      while (add.find()) {
        out.add(element(add.group(1).strip(), nestedType));
      }
      return out;
    }
    if (EMPTY_LIST.matcher(s).find()) {
      return NODES.arrayNode();
    }
    return TextNode.valueOf(s);
  }

  private static JsonNode array(String s, String nestedType) {
    Matcher m = ARRAY.matcher(s);
    if (!m.find()) {
      return TextNode.valueOf(s);
    }
    ArrayNode out = NODES.arrayNode();
    for (String part : PyRegex.splitComma(m.group(1))) {
      String x = part.strip();
      if (!x.isEmpty()) {
        out.add(nestedType != null ? convert(x, nestedType, null) : value(x));
      }
    }
    return out;
  }

  private static JsonNode hashMap(String s) {
    Matcher m = HASHMAP.matcher(s);
    if (m.find()) {
      ObjectNode out = NODES.objectNode();
      String puts = m.group(1);
      if (!puts.strip().isEmpty()) {
        Matcher put = PUT.matcher(puts);
        while (put.find()) {
          out.set(put.group(1), value(put.group(2).strip()));
        }
      }
      return out;
    }
    if (EMPTY_MAP.matcher(s).find()) {
      return NODES.objectNode();
    }
    return TextNode.valueOf(s);
  }

  /**
   * A Java literal without a declared type: boolean, quoted string, long, float, int, double, else
   * text.
   */
  public static JsonNode value(String s) {
    if (s.equals("true")) {
      return BooleanNode.TRUE;
    }
    if (s.equals("false")) {
      return BooleanNode.FALSE;
    }
    if (s.startsWith("\"") && s.endsWith("\"")) {
      return TextNode.valueOf(PyRegex.inner(s));
    }
    if (PyRegex.match(LONG, s)) {
      return PyValues.intNode(PyValues.pyInt(s.substring(0, s.length() - 1)));
    }
    if (PyRegex.match(FLOAT, s)) {
      return PyValues.floatNode(PyValues.pyFloat(TRAILING_F.matcher(s).replaceFirst("")));
    }
    BigInteger i = PyValues.pyInt(s);
    if (i != null) {
      return PyValues.intNode(i);
    }
    Double d = PyValues.pyFloat(s);
    return d != null ? PyValues.floatNode(d) : TextNode.valueOf(s);
  }
}

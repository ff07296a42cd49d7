package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.looptool.core.json.JsonValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Python value semantics on JSON trees, as the official BFCL and ACEBench evaluators see values
 * after {@code json.loads}: {@code type()}, {@code ==} (where {@code 1 == 1.0 == True}), {@code
 * in}, {@code int()}/{@code float()} parsing and the evaluators' string standardisation.
 *
 * <p>Long on purpose: one place holds Python's value model (types, equality, parsing, {@code
 * str()}) so that the two checkers built on it cannot disagree about it.
 */
public final class PyValues {
  private PyValues() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public static PyType type(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return PyType.NONE;
    }
    return switch (n.getNodeType()) {
      case STRING -> PyType.STR;
      case BOOLEAN -> PyType.BOOL;
      case NUMBER -> n.isIntegralNumber() ? PyType.INT : PyType.FLOAT;
      case ARRAY -> PyType.LIST;
      case OBJECT -> PyType.DICT;
      default -> PyType.NONE;
    };
  }

  /** Python {@code a == b} for values that came from JSON (or from the literal converters). */
  public static boolean equal(JsonNode a, JsonNode b) {
    PyType ta = type(a);
    PyType tb = type(b);
    if (isNumeric(ta) && isNumeric(tb)) {
      return numbersEqual(a, ta, b, tb);
    }
    if (ta != tb) {
      return false;
    }
    switch (ta) {
      case STR:
        return a.textValue().equals(b.textValue());
      case NONE:
        return true;
      case LIST:
      case DICT:
        return JsonValues.containersEqual(a, b, PyValues::equal);
      default:
        return false;
    }
  }

  private static boolean isNumeric(PyType t) {
    return t == PyType.INT || t == PyType.FLOAT || t == PyType.BOOL;
  }

  private static BigInteger integral(JsonNode n, PyType t) {
    if (t == PyType.BOOL) {
      return n.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
    }
    return n.canConvertToLong() ? BigInteger.valueOf(n.longValue()) : n.bigIntegerValue();
  }

  private static final double EXACT_LONG_LIMIT = 9007199254740992.0; // 2^53

  private static boolean numbersEqual(JsonNode a, PyType ta, JsonNode b, PyType tb) {
    if (ta != PyType.FLOAT && tb != PyType.FLOAT) {
      if (ta == PyType.INT && tb == PyType.INT && a.canConvertToLong() && b.canConvertToLong()) {
        return a.longValue() == b.longValue();
      }
      return integral(a, ta).equals(integral(b, tb));
    }
    if (ta == PyType.FLOAT && tb == PyType.FLOAT) {
      return a.doubleValue() == b.doubleValue();
    }
    // Python compares an int with a float exactly, not by rounding the int to a double.
    double f = ta == PyType.FLOAT ? a.doubleValue() : b.doubleValue();
    JsonNode intNode = ta == PyType.FLOAT ? b : a;
    PyType intType = ta == PyType.FLOAT ? tb : ta;
    if (Double.isNaN(f) || Double.isInfinite(f)) {
      return false;
    }
    if (intType == PyType.BOOL) {
      return f == (intNode.booleanValue() ? 1.0 : 0.0);
    }
    if (intNode.canConvertToLong()) {
      long i = intNode.longValue();
      if (Math.abs((double) i) < EXACT_LONG_LIMIT) {
        return (double) i == f;
      }
    }
    return new BigDecimal(f).compareTo(new BigDecimal(integral(intNode, intType))) == 0;
  }

  /**
   * The value as Python's json.loads would hold it: floats become doubles (exact decimals from
   * Jackson are rounded once here instead of on every comparison); other values are unchanged
   * unless they contain floats.
   */
  public static JsonNode asPython(JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isNumber() && !n.isIntegralNumber() && !n.isDouble()) {
      return NODES.numberNode(n.doubleValue());
    }
    if (n.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out = null;
      for (int i = 0; i < n.size(); i++) {
        JsonNode item = n.get(i);
        JsonNode conv = asPython(item);
        if (conv != item && out == null) {
          out = ((com.fasterxml.jackson.databind.node.ArrayNode) n).deepCopy();
        }
        if (out != null) {
          out.set(i, conv);
        }
      }
      return out == null ? n : out;
    }
    if (n.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode out = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode conv = asPython(e.getValue());
        if (conv != e.getValue()) {
          if (out == null) {
            out = ((com.fasterxml.jackson.databind.node.ObjectNode) n).deepCopy();
          }
          out.set(e.getKey(), conv);
        }
      }
      return out == null ? n : out;
    }
    return n;
  }

  /**
   * Python {@code x in container} for a list (by {@code ==}), a str (substring) or a dict (key).
   */
  public static boolean contains(JsonNode container, JsonNode x) {
    PyType t = type(container);
    if (t == PyType.LIST) {
      for (JsonNode item : container) {
        if (equal(item, x)) {
          return true;
        }
      }
      return false;
    }
    if (t == PyType.STR) {
      return type(x) == PyType.STR && container.textValue().contains(x.textValue());
    }
    if (t == PyType.DICT) {
      return type(x) == PyType.STR && container.has(x.textValue());
    }
    return false;
  }

  /** True when {@code "" in container} (the evaluators' mark of an optional parameter). */
  public static boolean containsEmptyString(JsonNode container) {
    return contains(container, TextNode.valueOf(""));
  }

  /** The items Python would iterate over with {@code for i in range(len(x)): x[i]}. */
  public static List<JsonNode> indexable(JsonNode x) {
    List<JsonNode> out = new ArrayList<>();
    PyType t = type(x);
    if (t == PyType.LIST) {
      x.forEach(out::add);
    } else if (t == PyType.STR) {
      String s = x.textValue();
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        out.add(TextNode.valueOf(new String(Character.toChars(cp))));
        i += Character.charCount(cp);
      }
    }
    return out;
  }

  /** Python {@code len(x)} for lists, strings and dicts; -1 where Python would raise. */
  public static int len(JsonNode x) {
    return switch (type(x)) {
      case LIST, DICT -> x.size();
      case STR -> x.textValue().codePointCount(0, x.textValue().length());
      default -> -1;
    };
  }

  /**
   * The evaluators' standardisation: drop spaces and {@code ,./-_*^}, lowercase, and turn single
   * quotes into double quotes (so "April 1, 2024" equals "april 1 2024").
   */
  public static String standardize(String s) {
    int n = s.length();
    char[] out = new char[n];
    int k = 0;
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case ' ', ',', '.', '/', '-', '_', '*', '^':
          continue;
        case '\'':
          out[k++] = '"';
          continue;
        default:
          if (c >= 'A' && c <= 'Z') {
            out[k++] = (char) (c + 32);
          } else {
            ascii &= c < 0x80;
            out[k++] = c;
          }
      }
    }
    String result = new String(out, 0, k);
    // Full Unicode lowercasing (which may change lengths) only where it can matter.
    return ascii ? result : result.toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code standardize(raw)} equals one of the already standardised {@code targets},
   * without building the standardised string (this runs once per string argument checked).
   */
  public static boolean standardizedIn(String raw, String[] targets) {
    int n = raw.length();
    char[] buf = n <= 256 ? SCRATCH.get() : new char[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      switch (c) {
        case ' ', ',', '.', '/', '-', '_', '*', '^':
          continue;
        case '\'':
          buf[k++] = '"';
          continue;
        default:
          if (c >= 'A' && c <= 'Z') {
            buf[k++] = (char) (c + 32);
          } else if (c < 0x80) {
            buf[k++] = c;
          } else {
            // Characters outside ASCII take the full Unicode lowercasing path.
            String std = standardize(raw);
            for (String t : targets) {
              if (t.equals(std)) {
                return true;
              }
            }
            return false;
          }
      }
    }
    outer:
    for (String t : targets) {
      if (t.length() != k) {
        continue;
      }
      for (int i = 0; i < k; i++) {
        if (t.charAt(i) != buf[i]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[256]);

  public static JsonNode standardizeIfString(JsonNode n) {
    return type(n) == PyType.STR ? TextNode.valueOf(standardize(n.textValue())) : n;
  }

  public static JsonNode intNode(BigInteger v) {
    return v.bitLength() < 63 ? NODES.numberNode(v.longValue()) : NODES.numberNode(v);
  }

  public static JsonNode floatNode(double v) {
    return NODES.numberNode(v);
  }

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

  /** Python {@code int(s)} for a str: the value, or null where Python raises ValueError. */
  public static BigInteger pyInt(String s) {
    String t = withoutDigitUnderscores(s.strip());
    if (t == null || !INTEGER.matcher(t).matches()) {
      return null;
    }
    return new BigInteger(t.startsWith("+") ? t.substring(1) : t);
  }

  /** Python {@code float(s)} for a str: the value, or null where Python raises ValueError. */
  public static Double pyFloat(String s) {
    String t = s.strip();
    String body = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
    String lower = body.toLowerCase(Locale.ROOT);
    double sign = t.startsWith("-") ? -1.0 : 1.0;
    if (lower.equals("inf") || lower.equals("infinity")) {
      return sign * Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    t = withoutDigitUnderscores(t);
    if (t == null || !DECIMAL.matcher(t).matches()) {
      return null;
    }
    return Double.parseDouble(t);
  }

  /** Removes underscores that sit between two digits (Python allows them); null if any other. */
  private static String withoutDigitUnderscores(String s) {
    if (s.indexOf('_') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '_') {
        if (i == 0
            || i == s.length() - 1
            || !Character.isDigit(s.charAt(i - 1))
            || !Character.isDigit(s.charAt(i + 1))) {
          return null;
        }
        continue;
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * Python's {@code str(x)} of a value from JSON (for strings the text itself, else {@link #repr}).
   */
  public static String str(JsonNode n) {
    return type(n) == PyType.STR ? n.textValue() : repr(n);
  }

  /**
   * Python's {@code repr(x)} of a value from JSON: {@code True}, {@code 1.0}, {@code 'a'}, {@code
   * [1, 'b']}, {@code {'k': None}}.
   */
  public static String repr(JsonNode n) {
    StringBuilder b = new StringBuilder();
    repr(n, b);
    return b.toString();
  }

  private static void repr(JsonNode n, StringBuilder b) {
    switch (type(n)) {
      case NONE -> b.append("None");
      case BOOL -> b.append(n.booleanValue() ? "True" : "False");
      case INT -> b.append(n.bigIntegerValue());
      case FLOAT -> b.append(floatRepr(n.doubleValue()));
      case STR -> stringRepr(n.textValue(), b);
      case LIST -> {
        b.append('[');
        for (int i = 0; i < n.size(); i++) {
          if (i > 0) {
            b.append(", ");
          }
          repr(n.get(i), b);
        }
        b.append(']');
      }
      case DICT -> {
        b.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!first) {
            b.append(", ");
          }
          first = false;
          stringRepr(e.getKey(), b);
          b.append(": ");
          repr(e.getValue(), b);
        }
        b.append('}');
      }
      default -> b.append(n);
    }
  }

  /** Python's float repr: shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16. */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal v = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    double abs = Math.abs(d);
    if (abs >= 1e-4 && abs < 1e16) {
      String plain = v.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String digits = v.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - v.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (d < 0 ? "-" : "")
        + mantissa
        + "e"
        + (exp < 0 ? "-" : "+")
        + (Math.abs(exp) < 10 ? "0" : "")
        + Math.abs(exp);
  }

  private static void stringRepr(String s, StringBuilder b) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    b.append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == q || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append(q);
  }
}

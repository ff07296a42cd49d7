package dev.looptool.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text exactly as Python's {@code json} module writes it: {@code json.dumps(x,
 * ensure_ascii=False)} ({@link #dumps}: ", " between items, ": " after keys), which is how
 * Qwen/Hermes chat templates render tools and calls, and the module's defaults ({@link
 * #dumpsAscii}, non-ASCII escaped) and {@code json.dump(x, f, indent=2)} ({@link #dumpIndented}),
 * which is how the LoopTool authors' converter writes its strings and files. Numbers are written as
 * Python's {@code repr} writes floats ({@code 1e-05}, {@code 1.5e+16}, {@code 2.0}). Using the same
 * bytes keeps rendered prompts identical to what the model saw in training, and exports
 * byte-identical to the files they came from.
 */
public final class PyJson {
  private PyJson() {}

  public static String dumps(JsonNode n) {
    StringBuilder sb = new StringBuilder(128);
    write(n, sb);
    return sb.toString();
  }

  /** {@code json.dumps(x)} with Python's defaults: like {@link #dumps}, non-ASCII as \\uXXXX. */
  public static String dumpsAscii(JsonNode n) {
    StringBuilder sb = new StringBuilder(128);
    write(n, sb, true, -1, 0);
    return sb.toString();
  }

  /** {@code json.dump(x, f, indent=2)}: two-space indent, "," at line ends, non-ASCII escaped. */
  public static void dumpIndented(JsonNode n, StringBuilder sb, int level) {
    write(n, sb, true, 2, level);
  }

  public static void write(JsonNode n, StringBuilder sb) {
    write(n, sb, false, -1, 0);
  }

  private static void newline(StringBuilder sb, int indent, int level) {
    sb.append('\n');
    for (int i = 0; i < indent * level; i++) {
      sb.append(' ');
    }
  }

  private static void write(JsonNode n, StringBuilder sb, boolean ascii, int indent, int level) {
    String itemSep = indent < 0 ? ", " : ",";
    if (n == null || n.isNull() || n.isMissingNode()) {
      sb.append("null");
      return;
    }
    switch (n.getNodeType()) {
      case OBJECT:
        {
          sb.append('{');
          boolean first = true;
          for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!first) {
              sb.append(itemSep);
            }
            if (indent >= 0) {
              newline(sb, indent, level + 1);
            }
            first = false;
            string(e.getKey(), sb, ascii);
            sb.append(": ");
            write(e.getValue(), sb, ascii, indent, level + 1);
          }
          if (indent >= 0 && !first) {
            newline(sb, indent, level);
          }
          sb.append('}');
          return;
        }
      case ARRAY:
        {
          sb.append('[');
          for (int i = 0; i < n.size(); i++) {
            if (i > 0) {
              sb.append(itemSep);
            }
            if (indent >= 0) {
              newline(sb, indent, level + 1);
            }
            write(n.get(i), sb, ascii, indent, level + 1);
          }
          if (indent >= 0 && n.size() > 0) {
            newline(sb, indent, level);
          }
          sb.append(']');
          return;
        }
      case STRING:
        string(n.textValue(), sb, ascii);
        return;
      case BOOLEAN:
        sb.append(n.booleanValue() ? "true" : "false");
        return;
      case NUMBER:
        if (n.isIntegralNumber()) {
          sb.append(n.bigIntegerValue());
        } else {
          floatRepr(n.decimalValue(), sb);
        }
        return;
      default:
        sb.append(n.toString());
    }
  }

  /**
   * A JSON string literal with Python's escaping (control characters as \\uXXXX, no ASCII-only).
   */
  public static void string(String s, StringBuilder sb) {
    string(s, sb, false);
  }

  /** A JSON string literal; with {@code ascii}, every character outside ' '..'~' as \\uXXXX. */
  public static void string(String s, StringBuilder sb, boolean ascii) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (c < 0x20 || (ascii && c > 0x7e)) {
            hex4(c, sb);
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void hex4(char c, StringBuilder sb) {
    sb.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  /**
   * A float as Python's {@code repr} writes it: the shortest digits (the text Python wrote, which
   * Jackson keeps as a BigDecimal), positional for exponents -4 to 15 with at least one decimal,
   * scientific with a signed two-digit exponent otherwise.
   */
  static void floatRepr(BigDecimal value, StringBuilder sb) {
    if (value.signum() == 0) {
      sb.append("0.0");
      return;
    }
    if (value.signum() < 0) {
      sb.append('-');
      value = value.negate();
    }
    BigDecimal v = value.stripTrailingZeros();
    String digits = v.unscaledValue().toString();
    int n = digits.length();
    int exp = n - 1 - v.scale();
    if (exp >= -4 && exp < 16) {
      if (exp >= n - 1) {
        sb.append(digits).append("0".repeat(exp - (n - 1))).append(".0");
      } else if (exp >= 0) {
        sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, n);
      } else {
        sb.append("0.").append("0".repeat(-exp - 1)).append(digits);
      }
      return;
    }
    sb.append(digits.charAt(0));
    if (n > 1) {
      sb.append('.').append(digits, 1, n);
    }
    sb.append('e').append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      sb.append('0');
    }
    sb.append(a);
  }
}

package dev.looptool.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text exactly as Python's {@code json.dumps(x, ensure_ascii=False)} writes it (", " between
 * items, ": " after keys), which is how Qwen/Hermes chat templates render tools and calls. Using
 * the same bytes keeps rendered prompts identical to what the model saw in training.
 */
public final class PyJson {
  private PyJson() {}

  public static String dumps(JsonNode n) {
    StringBuilder sb = new StringBuilder(128);
    write(n, sb);
    return sb.toString();
  }

  public static void write(JsonNode n, StringBuilder sb) {
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
              sb.append(", ");
            }
            first = false;
            string(e.getKey(), sb);
            sb.append(": ");
            write(e.getValue(), sb);
          }
          sb.append('}');
          return;
        }
      case ARRAY:
        {
          sb.append('[');
          for (int i = 0; i < n.size(); i++) {
            if (i > 0) {
              sb.append(", ");
            }
            write(n.get(i), sb);
          }
          sb.append(']');
          return;
        }
      case STRING:
        string(n.textValue(), sb);
        return;
      case BOOLEAN:
        sb.append(n.booleanValue() ? "true" : "false");
        return;
      case NUMBER:
        sb.append(n.isBigDecimal() ? n.decimalValue().toString() : n.asText());
        return;
      default:
        sb.append(n.toString());
    }
  }

  /**
   * A JSON string literal with Python's escaping (control characters as \\uXXXX, no ASCII-only).
   */
  public static void string(String s, StringBuilder sb) {
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
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}

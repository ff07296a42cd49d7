package dev.looptool.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Value equality of JSON as ToolMatch defines it: objects ignore key order, numbers compare by
 * value (1 equals 1.0), booleans never equal numbers, strings compare exactly, list order counts.
 */
public final class JsonValues {
  private JsonValues() {}

  public static boolean equal(JsonNode a, JsonNode b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return isNull(a) && isNull(b);
    }
    if (a.isNumber() && b.isNumber()) {
      return numbersEqual(a, b);
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    switch (a.getNodeType()) {
      case STRING:
        return a.textValue().equals(b.textValue());
      case BOOLEAN:
        return a.booleanValue() == b.booleanValue();
      case NULL:
      case MISSING:
        return true;
      case ARRAY:
      case OBJECT:
        return containersEqual(a, b, JsonValues::equal);
      default:
        return a.equals(b);
    }
  }

  /**
   * Two arrays (element by element, in order) or two objects (key by key, in any order) of the same
   * size whose members are equal by {@code members}; false for anything else. The comparisons that
   * differ in how they compare scalars (JSON's, Python's) share this.
   */
  public static boolean containersEqual(
      JsonNode a, JsonNode b, BiPredicate<JsonNode, JsonNode> members) {
    if (a.size() != b.size()) {
      return false;
    }
    if (a.isArray() && b.isArray()) {
      for (int i = 0; i < a.size(); i++) {
        if (!members.test(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (!a.isObject() || !b.isObject()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode other = b.get(e.getKey());
      if (other == null || !members.test(e.getValue(), other)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNull(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  private static boolean numbersEqual(JsonNode a, JsonNode b) {
    if (a.isIntegralNumber() && b.isIntegralNumber()) {
      return a.bigIntegerValue().equals(b.bigIntegerValue());
    }
    return a.decimalValue().compareTo(b.decimalValue()) == 0;
  }

  /**
   * A hash consistent with {@link #equal}: numbers hash by their stripped decimal value and objects
   * by an order-independent sum, so equal values always collide.
   */
  public static int hash(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return 0;
    }
    if (n.isNumber()) {
      BigDecimal d = n.decimalValue();
      return d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
    }
    switch (n.getNodeType()) {
      case STRING:
        return n.textValue().hashCode();
      case BOOLEAN:
        return n.booleanValue() ? 1231 : 1237;
      case ARRAY:
        {
          int h = 1;
          for (JsonNode item : n) {
            h = 31 * h + hash(item);
          }
          return h;
        }
      case OBJECT:
        {
          int h = 17;
          for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            h += e.getKey().hashCode() ^ hash(e.getValue());
          }
          return h;
        }
      default:
        return n.hashCode();
    }
  }
}

package dev.looptool.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.json.JsonPointer;
import dev.looptool.core.json.JsonValues;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The rule tier of verification: checks a tool call against its tool's JSON Schema and lists every
 * violation (unknown tool, missing required, unknown parameter, wrong type, enum, array item,
 * nested object, date/time format), each with a JSON pointer into the call.
 *
 * <p>Types follow JSON Schema: "integer" is a number without a fractional part, "number" any
 * number, booleans are never numbers. The aliases some benchmarks use ("dict", "float", "tuple",
 * "any") are understood; an unknown type name is not judged.
 */
public final class SchemaChecker {
  private SchemaChecker() {}

  /** Checks a call against the tool of the same name among {@code tools}. */
  public static List<Violation> check(ToolCall call, List<ToolSpec> tools) {
    for (ToolSpec t : tools) {
      if (t.name().equals(call.name())) {
        return check(call, t);
      }
    }
    List<Violation> out = new ArrayList<>(1);
    out.add(
        new Violation(
            Violation.Kind.UNKNOWN_TOOL,
            "/name",
            "no tool named '" + call.name() + "' is offered"));
    return out;
  }

  public static List<Violation> check(ToolCall call, ToolSpec tool) {
    List<Violation> out = new ArrayList<>(0);
    checkObject(call.arguments(), tool.parameters(), "/arguments", out, true);
    return out;
  }

  /** True when the value satisfies the schema. */
  public static boolean valid(JsonNode value, JsonSchema schema) {
    List<Violation> out = new ArrayList<>(0);
    checkValue(value, schema, "", out);
    return out.isEmpty();
  }

  /** Checks a value against a schema, appending violations found at or below {@code pointer}. */
  public static void checkValue(
      JsonNode value, JsonSchema schema, String pointer, List<Violation> out) {
    List<String> types = schema.types();
    if (!types.isEmpty()) {
      String matched = null;
      boolean judged = false;
      for (String t : types) {
        Boolean ok = hasType(value, t);
        if (ok != null) {
          judged = true;
          if (ok) {
            matched = canonical(t);
            break;
          }
        }
      }
      if (judged && matched == null) {
        out.add(
            new Violation(
                Violation.Kind.WRONG_TYPE,
                pointer,
                "expected " + String.join(" or ", types) + ", got " + describe(value)));
        return;
      }
      if ("object".equals(matched)) {
        checkObject(value, schema, pointer, out, false);
      } else if ("array".equals(matched)) {
        JsonSchema items = schema.items();
        if (items != null) {
          for (int i = 0; i < value.size(); i++) {
            checkValue(value.get(i), items, JsonPointer.index(pointer, i), out);
          }
        }
      }
    }
    List<JsonNode> allowed = schema.enumValues();
    if (allowed != null) {
      boolean in = false;
      for (JsonNode a : allowed) {
        if (JsonValues.equal(a, value)) {
          in = true;
          break;
        }
      }
      if (!in) {
        out.add(
            new Violation(
                Violation.Kind.NOT_IN_ENUM,
                pointer,
                describe(value) + " is not one of " + allowed));
      }
    }
    String format = schema.format();
    if (format != null && value.isTextual() && !formatOk(format, value.textValue())) {
      out.add(
          new Violation(
              Violation.Kind.BAD_FORMAT,
              pointer,
              "'" + value.textValue() + "' is not a valid " + format));
    }
  }

  private static void checkObject(
      JsonNode value, JsonSchema schema, String pointer, List<Violation> out, boolean topLevel) {
    if (!value.isObject()) {
      out.add(
          new Violation(
              Violation.Kind.WRONG_TYPE, pointer, "expected object, got " + describe(value)));
      return;
    }
    Map<String, JsonSchema> props = schema.properties();
    for (String r : schema.required()) {
      JsonNode v = value.get(r);
      if (v == null) {
        out.add(
            new Violation(
                Violation.Kind.MISSING_REQUIRED,
                JsonPointer.child(pointer, r),
                "required parameter '" + r + "' is missing"));
      }
    }
    // Tool parameters are closed unless the schema says otherwise; a nested object that declares
    // no properties is a free-form dictionary.
    Boolean explicit = schema.additionalPropertiesAllowedExplicitly();
    boolean closed = explicit != null ? !explicit : topLevel || !props.isEmpty();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonSchema p = props.get(e.getKey());
      String child = JsonPointer.child(pointer, e.getKey());
      if (p == null) {
        if (closed) {
          out.add(
              new Violation(
                  Violation.Kind.UNKNOWN_PARAMETER,
                  child,
                  "'"
                      + e.getKey()
                      + "' is not a parameter"
                      + (topLevel ? " of this tool" : " here")));
        }
        continue;
      }
      checkValue(e.getValue(), p, child, out);
    }
  }

  /** Whether the value has the named type; null when the name is not one this checker knows. */
  static Boolean hasType(JsonNode v, String type) {
    switch (type) {
      case "string":
        return v.isTextual();
      case "integer":
      case "int":
      case "long":
        return v.isIntegralNumber() || (v.isNumber() && isWhole(v));
      case "number":
      case "float":
      case "double":
        return v.isNumber();
      case "boolean":
      case "bool":
        return v.isBoolean();
      case "array":
      case "tuple":
      case "list":
        return v.isArray();
      case "object":
      case "dict":
        return v.isObject();
      case "null":
        return v.isNull();
      case "any":
        return true;
      default:
        return null;
    }
  }

  private static String canonical(String type) {
    switch (type) {
      case "dict":
        return "object";
      case "tuple":
      case "list":
        return "array";
      default:
        return type;
    }
  }

  private static boolean isWhole(JsonNode v) {
    try {
      return v.decimalValue().stripTrailingZeros().scale() <= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static boolean formatOk(String format, String s) {
    try {
      switch (format) {
        case "date":
          LocalDate.parse(s);
          return true;
        case "time":
          LocalTime.parse(s);
          return true;
        case "date-time":
          try {
            OffsetDateTime.parse(s);
          } catch (DateTimeParseException e) {
            LocalDateTime.parse(s);
          }
          return true;
        default:
          return true;
      }
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static String describe(JsonNode v) {
    String s = v.toString();
    if (s.length() > 40) {
      s = s.substring(0, 37) + "...";
    }
    String kind =
        v.isTextual()
            ? "string"
            : v.isIntegralNumber()
                ? "integer"
                : v.isNumber()
                    ? "number"
                    : v.isBoolean()
                        ? "boolean"
                        : v.isArray() ? "array" : v.isObject() ? "object" : "null";
    return kind + " " + s;
  }
}

package dev.looptool.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Python type annotations as xLAM writes them in tool parameters ({@code "str"}, {@code
 * "List[int]"}, {@code "Dict[str, Any]"}, {@code "float, optional"}, {@code "str, default='en'"})
 * turned into JSON Schema. A type that has no JSON counterpart ({@code Any}, {@code Callable},
 * {@code datetime}) gives a schema without {@code type}, so any value is allowed rather than a
 * guessed one rejected.
 */
final class XlamTypes {
  private XlamTypes() {}

  /**
   * A parameter's schema (without its description) and whether the annotation makes it optional.
   */
  record Parsed(ObjectNode schema, boolean optional) {}

  static Parsed parse(String annotation) {
    List<String> parts = splitTopLevel(annotation, ',');
    boolean optional = false;
    // "X, optional" and "X, default=…" mark a parameter the caller may leave out; anything else
    // after a top-level comma is not a modifier we know, so the whole annotation is unknown.
    for (int i = 1; i < parts.size(); i++) {
      String modifier = parts.get(i).strip().toLowerCase(Locale.ROOT);
      if (modifier.equals("optional") || modifier.startsWith("default")) {
        optional = true;
      } else {
        return new Parsed(Json.object(), optional);
      }
    }
    String base = parts.get(0).strip();
    if (isGeneric(base, "optional")) {
      optional = true;
    }
    return new Parsed(schema(base), optional);
  }

  /** The schema of one type expression; an empty object when it has no JSON counterpart. */
  private static ObjectNode schema(String expr) {
    String e = stripModule(expr.strip());
    List<String> alternatives = splitOr(e);
    if (alternatives.size() > 1) {
      return union(alternatives);
    }
    int open = e.indexOf('[');
    String name = (open < 0 ? e : e.substring(0, open)).strip().toLowerCase(Locale.ROOT);
    List<String> args = List.of();
    if (open >= 0) {
      if (!e.endsWith("]")) {
        return Json.object();
      }
      args = splitTopLevel(e.substring(open + 1, e.length() - 1), ',');
    }
    switch (name) {
      case "optional":
        if (args.size() != 1) {
          return Json.object();
        }
        return union(List.of(args.get(0), "None"));
      case "union":
        return args.isEmpty() ? Json.object() : union(args);
      case "list":
      case "sequence":
      case "iterable":
      case "set":
      case "frozenset":
      case "array":
        return array(args.size() == 1 ? schema(args.get(0)) : null);
      case "tuple":
        return array(tupleItems(args));
      default:
        String type = simple(name);
        ObjectNode out = Json.object();
        if (type != null) {
          out.put("type", type);
        }
        return out;
    }
  }

  /** The JSON type of a type name without arguments, or null when there is none. */
  private static String simple(String name) {
    switch (name) {
      case "str":
      case "string":
        return "string";
      case "int":
      case "integer":
      case "long":
        return "integer";
      case "float":
      case "double":
      case "number":
      case "decimal":
        return "number";
      case "bool":
      case "boolean":
        return "boolean";
      case "dict":
      case "mapping":
      case "object":
        return "object";
      case "none":
      case "nonetype":
      case "null":
        return "null";
      default:
        return null;
    }
  }

  private static ObjectNode array(ObjectNode items) {
    ObjectNode out = Json.object();
    out.put("type", "array");
    if (items != null && items.has("type")) {
      out.set("items", items);
    }
    return out;
  }

  /** Tuple[X, ...] and Tuple[X, X] have items X; a tuple of mixed types has no single item type. */
  private static ObjectNode tupleItems(List<String> args) {
    if (args.size() == 2 && args.get(1).strip().equals("...")) {
      return schema(args.get(0));
    }
    ObjectNode first = null;
    for (String a : args) {
      ObjectNode s = schema(a);
      if (first == null) {
        first = s;
      } else if (!first.equals(s)) {
        return null;
      }
    }
    return first;
  }

  /**
   * A union of simple types as a type list; when one alternative has no JSON type, or carries more
   * than a type, the union allows any value, so no valid value is rejected.
   */
  private static ObjectNode union(List<String> alternatives) {
    Set<String> types = new LinkedHashSet<>();
    for (String a : alternatives) {
      ObjectNode s = schema(a);
      JsonNode t = s.get("type");
      if (t == null || s.size() != 1) {
        return Json.object();
      }
      if (t.isArray()) {
        t.forEach(x -> types.add(x.textValue()));
      } else {
        types.add(t.textValue());
      }
    }
    if (types.contains("number")) {
      types.remove("integer");
    }
    ObjectNode out = Json.object();
    if (types.size() == 1) {
      out.put("type", types.iterator().next());
    } else {
      ArrayNode list = out.putArray("type");
      types.forEach(list::add);
    }
    return out;
  }

  private static boolean isGeneric(String expr, String name) {
    String e = stripModule(expr).toLowerCase(Locale.ROOT);
    return e.startsWith(name + "[") && e.endsWith("]");
  }

  private static String stripModule(String e) {
    return e.startsWith("typing.") ? e.substring("typing.".length()) : e;
  }

  /** "int or float" as written in some docstrings; only at the top level. */
  private static List<String> splitOr(String e) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < e.length(); i++) {
      char c = e.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (depth == 0 && e.startsWith(" or ", i)) {
        out.add(e.substring(start, i));
        start = i + 4;
        i += 3;
      } else if (depth == 0 && c == '|') {
        out.add(e.substring(start, i));
        start = i + 1;
      }
    }
    out.add(e.substring(start));
    return out;
  }

  /** Splits on {@code sep} outside brackets and quotes. */
  static List<String> splitTopLevel(String s, char sep) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(' || c == '{') {
        depth++;
      } else if (c == ']' || c == ')' || c == '}') {
        depth--;
      } else if (c == sep && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }
}

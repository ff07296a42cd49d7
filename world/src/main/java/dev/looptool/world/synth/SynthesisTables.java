package dev.looptool.world.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The world's synthesis tables, read from one JSON resource: the value pools, the parameter and
 * result kinds (each naming a pool or listing its own values, and an array's item or an object's
 * fields by kind name or inline), and the capabilities of the context tree in tree order, which
 * name their kinds. A kind named twice is one {@link ParamKind}, so a producer's id and its
 * consumer's parameter are the same object. Any problem is an error naming the file and the field.
 */
final class SynthesisTables {
  static final String RESOURCE = "synthesis-tables.json";

  private static final Set<String> KIND_FIELDS =
      Set.of(
          "key",
          "type",
          "description",
          "pool",
          "values",
          "min",
          "max",
          "decimals",
          "idPrefix",
          "item",
          "fields",
          "clauses",
          "clausesFalse");
  private static final Set<String> CAPABILITY_FIELDS =
      Set.of(
          "domain",
          "subdomain",
          "key",
          "description",
          "phrases",
          "required",
          "optional",
          "produces",
          "consumes",
          "refPhrases",
          "result");

  private final String file;
  private final Map<String, String[]> pools = new LinkedHashMap<>();
  private final Map<String, ParamKind> kinds = new LinkedHashMap<>();
  private final List<Capability> capabilities = new ArrayList<>();

  private SynthesisTables(String file) {
    this.file = file;
  }

  /** The capabilities in tree order (domain, sub-domain), unmodifiable. */
  List<Capability> capabilities() {
    return Collections.unmodifiableList(capabilities);
  }

  /** The tables of the resource {@code name} beside this class. */
  static SynthesisTables load(String name) {
    try (InputStream in = SynthesisTables.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + ": not on the class path beside SynthesisTables");
      }
      return parse(name, Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": " + e.getMessage(), e);
    }
  }

  /** The tables in {@code root}; {@code file} names them in errors. */
  static SynthesisTables parse(String file, JsonNode root) {
    SynthesisTables t = new SynthesisTables(file);
    t.only(root, "", Set.of("pools", "kinds", "capabilities"));
    Iterator<Map.Entry<String, JsonNode>> pools = t.object(root, "pools").fields();
    while (pools.hasNext()) {
      Map.Entry<String, JsonNode> p = pools.next();
      t.pools.put(p.getKey(), t.strings(p.getValue(), "pools." + p.getKey()));
    }
    Iterator<Map.Entry<String, JsonNode>> kinds = t.object(root, "kinds").fields();
    while (kinds.hasNext()) {
      Map.Entry<String, JsonNode> k = kinds.next();
      t.kinds.put(k.getKey(), t.kind(k.getValue(), "kinds." + k.getKey()));
    }
    JsonNode caps = root.path("capabilities");
    if (!caps.isArray()) {
      throw t.bad("capabilities", "must be an array of capabilities");
    }
    for (int i = 0; i < caps.size(); i++) {
      t.capabilities.add(t.capability(caps.get(i), "capabilities[" + i + "]"));
    }
    return t;
  }

  private Capability capability(JsonNode o, String path) {
    only(o, path, CAPABILITY_FIELDS);
    return new Capability(
        text(o, path, "domain"),
        text(o, path, "subdomain"),
        text(o, path, "key"),
        text(o, path, "description"),
        List.of(strings(o.get("phrases"), path + ".phrases")),
        kindList(o.get("required"), path + ".required"),
        kindList(o.get("optional"), path + ".optional"),
        o.has("produces") ? kindRef(o.get("produces"), path + ".produces") : null,
        o.has("consumes") ? kindRef(o.get("consumes"), path + ".consumes") : null,
        List.of(strings(o.get("refPhrases"), path + ".refPhrases")),
        kindList(o.get("result"), path + ".result"));
  }

  private ParamKind kind(JsonNode o, String path) {
    only(o, path, KIND_FIELDS);
    String typeName = text(o, path, "type");
    ParamType type;
    try {
      type = ParamType.valueOf(typeName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(
          path + ".type",
          "'" + typeName + "' is not one of " + Arrays.toString(ParamType.values()).toLowerCase());
    }
    if (o.has("pool") && o.has("values")) {
      throw bad(path, "names a pool and lists values: keep one");
    }
    String[] pool = null;
    if (o.has("pool")) {
      pool = pools.get(o.get("pool").asText());
      if (pool == null) {
        throw bad(path + ".pool", "no pool named '" + o.get("pool").asText() + "'");
      }
    } else if (o.has("values")) {
      pool = strings(o.get("values"), path + ".values");
    }
    return new ParamKind(
        text(o, path, "key"),
        type,
        text(o, path, "description"),
        pool,
        o.path("min").asDouble(0),
        o.path("max").asDouble(0),
        o.path("decimals").asInt(0),
        o.has("clauses") ? strings(o.get("clauses"), path + ".clauses") : null,
        o.has("clausesFalse") ? strings(o.get("clausesFalse"), path + ".clausesFalse") : null,
        o.has("fields") ? kindList(o.get("fields"), path + ".fields") : null,
        o.has("item") ? kindRef(o.get("item"), path + ".item") : null,
        o.has("idPrefix") ? o.get("idPrefix").asText() : null);
  }

  /** A kind by the name of one defined above it, or written out in place. */
  private ParamKind kindRef(JsonNode n, String path) {
    if (n.isObject()) {
      return kind(n, path);
    }
    ParamKind k = n.isTextual() ? kinds.get(n.textValue()) : null;
    if (k == null) {
      throw bad(path, n + " is not a kind defined above it (nor a kind written out)");
    }
    return k;
  }

  private List<ParamKind> kindList(JsonNode a, String path) {
    if (a == null || !a.isArray()) {
      throw bad(path, "must be an array of kinds");
    }
    List<ParamKind> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(kindRef(a.get(i), path + "[" + i + "]"));
    }
    return List.copyOf(out);
  }

  private String[] strings(JsonNode a, String path) {
    if (a == null || !a.isArray()) {
      throw bad(path, "must be an array of strings");
    }
    String[] out = new String[a.size()];
    for (int i = 0; i < out.length; i++) {
      if (!a.get(i).isTextual()) {
        throw bad(path + "[" + i + "]", "must be a string, not " + a.get(i));
      }
      out[i] = a.get(i).textValue();
    }
    return out;
  }

  private String text(JsonNode o, String path, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw bad(path + "." + field, "must be a string");
    }
    return v.textValue();
  }

  private JsonNode object(JsonNode root, String field) {
    JsonNode v = root.get(field);
    if (v == null || !v.isObject()) {
      throw bad(field, "must be an object of named entries");
    }
    return v;
  }

  private void only(JsonNode o, String path, Set<String> allowed) {
    if (!o.isObject()) {
      throw bad(path.isEmpty() ? "(top level)" : path, "must be an object");
    }
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        throw bad(path.isEmpty() ? n : path + "." + n, "unknown field; known: " + allowed);
      }
    }
  }

  private IllegalStateException bad(String path, String problem) {
    return new IllegalStateException(file + ": " + path + ": " + problem);
  }
}

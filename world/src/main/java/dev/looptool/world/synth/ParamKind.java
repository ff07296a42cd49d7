package dev.looptool.world.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.JsonSchema;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one parameter means in the world: its key (snake_case base name), type, value pool or range,
 * a short description, and the clauses a user says it with ({@code {v}} stands for the value;
 * object kinds name their fields, e.g. {@code {city}}). It draws values and voices them, so a
 * request always contains the values its true call carries.
 */
public final class ParamKind {
  final String key;
  final ParamType type;
  final String description;
  final String[] pool;
  final double min;
  final double max;
  final int decimals;
  final String[] clauses;
  final String[] clausesFalse;
  final List<ParamKind> fields;
  final ParamKind item;
  final String idPrefix;

  ParamKind(
      String key,
      ParamType type,
      String description,
      String[] pool,
      double min,
      double max,
      int decimals,
      String[] clauses,
      String[] clausesFalse,
      List<ParamKind> fields,
      ParamKind item,
      String idPrefix) {
    this.key = key;
    this.type = type;
    this.description = description;
    this.pool = pool;
    this.min = min;
    this.max = max;
    this.decimals = decimals;
    this.clauses = clauses;
    this.clausesFalse = clausesFalse;
    this.fields = fields;
    this.item = item;
    this.idPrefix = idPrefix;
  }

  public String key() {
    return key;
  }

  public ParamType type() {
    return type;
  }

  public String description() {
    return description;
  }

  /** The pool of strings or enum values (empty for other types). */
  public List<String> pool() {
    return pool == null ? List.of() : List.of(pool);
  }

  /** Nested fields of an object kind (empty for other types). */
  public List<ParamKind> fields() {
    return fields == null ? List.of() : fields;
  }

  /** The JSON Schema of this kind, with the description when {@code describe} is set. */
  public JsonSchema schema(boolean describe) {
    JsonSchema.Builder b = JsonSchema.builder(type.jsonType());
    if (describe) {
      b.description(description);
    }
    if (type.format() != null) {
      b.format(type.format());
    }
    switch (type) {
      case ENUM:
        b.enumValues(List.of(pool));
        break;
      case ARRAY:
        b.items(item.schema(false));
        break;
      case OBJECT:
        for (ParamKind f : fields) {
          b.property(f.key, f.schema(false), true);
        }
        break;
      default:
        break;
    }
    return b.build();
  }

  /** Draws a value. {@code Values} makes dates and ids; pools are uniform. */
  public JsonNode draw(SplittableRandom rng) {
    switch (type) {
      case STRING:
      case ENUM:
        return Json.NODES.textNode(pool[rng.nextInt(pool.length)]);
      case ID:
        return Json.NODES.textNode(idPrefix + (10000 + rng.nextInt(90000)));
      case INTEGER:
        return Json.NODES.numberNode((int) min + rng.nextInt((int) (max - min) + 1));
      case NUMBER:
        return Json.NODES.numberNode(drawNumber(rng));
      case BOOLEAN:
        return Json.NODES.booleanNode(rng.nextBoolean());
      case DATE:
        return Json.NODES.textNode(Values.date(rng));
      case TIME:
        return Json.NODES.textNode(Values.time(rng));
      case DATETIME:
        return Json.NODES.textNode(Values.date(rng) + "T" + Values.time(rng));
      case ARRAY:
        {
          ArrayNode a = Json.array();
          int n = (int) min + rng.nextInt((int) (max - min) + 1);
          // Distinct items: a list a user names twice reads like a typo.
          for (int tries = 0; a.size() < n && tries < 4 * n; tries++) {
            JsonNode v = item.draw(rng);
            boolean dup = false;
            for (JsonNode x : a) {
              dup |= x.equals(v);
            }
            if (!dup) {
              a.add(v);
            }
          }
          return a;
        }
      case OBJECT:
        {
          ObjectNode o = Json.object();
          for (ParamKind f : fields) {
            o.set(f.key, f.draw(rng));
          }
          return o;
        }
      default:
        throw new IllegalStateException("no value for " + type);
    }
  }

  /** A value that differs from {@code old} yet satisfies the same schema (wrong-value noise). */
  public JsonNode drawOther(JsonNode old, SplittableRandom rng) {
    for (int i = 0; i < 16; i++) {
      JsonNode v = draw(rng);
      if (!v.equals(old)) {
        return v;
      }
    }
    if (type == ParamType.BOOLEAN) {
      return Json.NODES.booleanNode(!old.asBoolean());
    }
    return null;
  }

  private BigDecimal drawNumber(SplittableRandom rng) {
    double v = min + rng.nextDouble() * (max - min);
    BigDecimal d = BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_UP);
    return d;
  }

  /** The value as a user writes it inside a sentence. */
  public String voice(JsonNode v) {
    switch (type) {
      case NUMBER:
        return v.decimalValue().toPlainString();
      case ARRAY:
        {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < v.size(); i++) {
            if (i > 0) {
              sb.append(i == v.size() - 1 ? " and " : ", ");
            }
            sb.append(item.voice(v.get(i)));
          }
          return sb.toString();
        }
      case OBJECT:
        {
          StringBuilder sb = new StringBuilder();
          for (ParamKind f : fields) {
            if (sb.length() > 0) {
              sb.append(", ");
            }
            sb.append(f.voice(v.get(f.key)));
          }
          return sb.toString();
        }
      default:
        return v.asText();
    }
  }

  /** One clause that carries the value, e.g. "from Paris" or "for 3 guests". */
  public String clause(JsonNode v, SplittableRandom rng) {
    String[] forms = type == ParamType.BOOLEAN && !v.asBoolean() ? clausesFalse : clauses;
    String t = forms[rng.nextInt(forms.length)];
    if (type == ParamType.OBJECT && t.indexOf("{v}") < 0) {
      for (ParamKind f : fields) {
        t = t.replace("{" + f.key + "}", f.voice(v.get(f.key)));
      }
      return t;
    }
    return t.replace("{v}", voice(v));
  }

  @Override
  public String toString() {
    return key + ":" + type;
  }
}

package dev.looptool.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.world.synth.Catalog;
import dev.looptool.world.synth.WorldTool;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Corrupts seed labels the way real seed data goes wrong. The kind is drawn from the configured mix
 * among the kinds that apply to the label: a clarifying question can become a premature call
 * missing the value it asks for; a no-tool refusal can become a call of an offered tool; calls can
 * get a wrong value, lose a required argument, gain an unknown one, call another offered tool, swap
 * two arguments' values, or carry a value of the wrong type.
 */
public final class LabelNoise {
  static final String[] EXTRA_NAMES = {"notes", "priority", "verbose", "user_id", "lang", "source"};

  private final Catalog catalog;
  private final Map<NoiseKind, Double> mix;

  public LabelNoise(Catalog catalog, Map<NoiseKind, Double> mix) {
    this.catalog = catalog;
    this.mix = mix;
  }

  /** A corrupted label and the kind of corruption. */
  public record Noised(Label label, NoiseKind kind) {}

  /**
   * Corrupts a label, or returns null when no kind with positive weight applies.
   *
   * @param pendingCall for a clarifying question, the call the dialogue makes once the value is
   *     supplied (the noisy label calls it too early); else null
   * @param askFor the parameter the clarifying question asks for, else null
   */
  public Noised apply(
      Label label,
      List<ToolSpec> tools,
      ToolCall pendingCall,
      String askFor,
      SplittableRandom rng) {
    Map<NoiseKind, Double> applicable = new EnumMap<>(NoiseKind.class);
    for (Map.Entry<NoiseKind, Double> e : mix.entrySet()) {
      if (e.getValue() > 0 && applies(e.getKey(), label, tools, pendingCall)) {
        applicable.put(e.getKey(), e.getValue());
      }
    }
    if (applicable.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (double w : applicable.values()) {
      sum += w;
    }
    double u = rng.nextDouble() * sum;
    NoiseKind kind = null;
    for (Map.Entry<NoiseKind, Double> e : applicable.entrySet()) {
      kind = e.getKey();
      u -= e.getValue();
      if (u < 0) {
        break;
      }
    }
    Label out = corrupt(kind, label, tools, pendingCall, askFor, rng);
    return out == null ? null : new Noised(out, kind);
  }

  private boolean applies(NoiseKind k, Label label, List<ToolSpec> tools, ToolCall pendingCall) {
    if (label.isText()) {
      if (pendingCall != null) {
        return k == NoiseKind.MISSING_REQUIRED;
      }
      return k == NoiseKind.WRONG_TOOL
          && !tools.isEmpty()
          && catalog.get(tools.get(0).name()) != null;
    }
    switch (k) {
      case MISSING_REQUIRED:
        for (ToolCall c : label.calls()) {
          if (firstRequiredPresent(c) != null) {
            return true;
          }
        }
        return false;
      case WRONG_TOOL:
        for (ToolSpec t : tools) {
          if (catalog.get(t.name()) != null && !calledIn(label, t.name())) {
            return true;
          }
        }
        return false;
      case SWAPPED_ARGUMENTS:
        for (ToolCall c : label.calls()) {
          if (swappablePair(c) != null) {
            return true;
          }
        }
        return false;
      case WRONG_VALUE:
      case WRONG_TYPE:
        for (ToolCall c : label.calls()) {
          if (c.arguments().size() > 0) {
            return true;
          }
        }
        return false;
      default:
        return true;
    }
  }

  private Label corrupt(
      NoiseKind k,
      Label label,
      List<ToolSpec> tools,
      ToolCall pendingCall,
      String askFor,
      SplittableRandom rng) {
    if (label.isText()) {
      if (pendingCall != null) {
        return Label.ofCalls(List.of(pendingCall.withArguments(a -> a.remove(askFor))));
      }
      ToolSpec t = tools.get(rng.nextInt(tools.size()));
      WorldTool wt = catalog.get(t.name());
      return wt == null
          ? null
          : Label.ofCalls(List.of(new ToolCall(wt.name(), drawArguments(wt, rng))));
    }
    List<ToolCall> calls = new ArrayList<>(label.calls());
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      ToolCall c = calls.get(i);
      boolean ok;
      switch (k) {
        case MISSING_REQUIRED:
          ok = firstRequiredPresent(c) != null;
          break;
        case SWAPPED_ARGUMENTS:
          ok = swappablePair(c) != null;
          break;
        case WRONG_VALUE:
        case WRONG_TYPE:
          ok = c.arguments().size() > 0;
          break;
        default:
          ok = true;
      }
      if (ok) {
        candidates.add(i);
      }
    }
    int i = candidates.get(rng.nextInt(candidates.size()));
    ToolCall c = calls.get(i);
    ToolCall changed;
    switch (k) {
      case MISSING_REQUIRED:
        {
          List<String> present = requiredPresent(c);
          String drop = present.get(rng.nextInt(present.size()));
          changed = c.withArguments(a -> a.remove(drop));
          break;
        }
      case EXTRA_PARAMETER:
        {
          WorldTool wt = catalog.get(c.name());
          String name = EXTRA_NAMES[rng.nextInt(EXTRA_NAMES.length)];
          while (wt != null && wt.param(name) != null) {
            name = name + "_x";
          }
          String n = name;
          JsonNode v =
              rng.nextBoolean() ? Json.NODES.textNode("default") : Json.NODES.booleanNode(true);
          changed = c.withArguments(a -> a.set(n, v));
          break;
        }
      case WRONG_TOOL:
        {
          List<WorldTool> others = new ArrayList<>();
          for (ToolSpec t : tools) {
            WorldTool wt = catalog.get(t.name());
            if (wt != null && !calledIn(label, t.name())) {
              others.add(wt);
            }
          }
          WorldTool other = others.get(rng.nextInt(others.size()));
          changed = new ToolCall(other.name(), drawArguments(other, rng));
          break;
        }
      case SWAPPED_ARGUMENTS:
        {
          List<String[]> pairs = swappablePairs(c);
          String[] p = pairs.get(rng.nextInt(pairs.size()));
          JsonNode a0 = c.arguments().get(p[0]);
          JsonNode a1 = c.arguments().get(p[1]);
          changed =
              c.withArguments(
                  a -> {
                    a.set(p[0], a1.deepCopy());
                    a.set(p[1], a0.deepCopy());
                  });
          break;
        }
      case WRONG_VALUE:
        {
          String name = randomArgument(c, rng);
          WorldTool wt = catalog.get(c.name());
          WorldTool.Param p = wt == null ? null : wt.param(name);
          JsonNode old = c.arguments().get(name);
          JsonNode v = p == null ? null : p.kind().drawOther(old, rng);
          if (v == null) {
            v =
                old.isTextual()
                    ? Json.NODES.textNode(old.textValue() + "x")
                    : old.isNumber()
                        ? Json.NODES.numberNode(old.decimalValue().add(java.math.BigDecimal.ONE))
                        : Json.NODES.textNode("unknown");
          }
          JsonNode nv = v;
          changed = c.withArguments(a -> a.set(name, nv));
          break;
        }
      default:
        {
          String name = randomArgument(c, rng);
          JsonNode v = wrongType(c.arguments().get(name));
          changed = c.withArguments(a -> a.set(name, v));
        }
    }
    calls.set(i, changed);
    return new Label(calls, label.text());
  }

  /** The same information in the wrong JSON type: 3 → "3", true → "true", "Paris" → ["Paris"]. */
  static JsonNode wrongType(JsonNode v) {
    if (v.isNumber() || v.isBoolean()) {
      return Json.NODES.textNode(v.isNumber() ? v.decimalValue().toPlainString() : v.asText());
    }
    if (v.isTextual()) {
      return Json.array().add(v.textValue());
    }
    return Json.NODES.textNode(Json.compact(v));
  }

  private ObjectNode drawArguments(WorldTool t, SplittableRandom rng) {
    ObjectNode a = Json.object();
    for (WorldTool.Param p : t.params()) {
      if (p.required() || rng.nextInt(3) == 0) {
        a.set(p.name(), p.kind().draw(rng));
      }
    }
    return a;
  }

  private static String randomArgument(ToolCall c, SplittableRandom rng) {
    int n = rng.nextInt(c.arguments().size());
    Iterator<String> it = c.arguments().fieldNames();
    String name = it.next();
    for (int j = 0; j < n; j++) {
      name = it.next();
    }
    return name;
  }

  private String firstRequiredPresent(ToolCall c) {
    List<String> r = requiredPresent(c);
    return r.isEmpty() ? null : r.get(0);
  }

  private List<String> requiredPresent(ToolCall c) {
    List<String> out = new ArrayList<>(2);
    WorldTool wt = catalog.get(c.name());
    if (wt == null) {
      return out;
    }
    for (WorldTool.Param p : wt.params()) {
      if (p.required() && c.arguments().has(p.name())) {
        out.add(p.name());
      }
    }
    return out;
  }

  private static String[] swappablePair(ToolCall c) {
    List<String[]> p = swappablePairs(c);
    return p.isEmpty() ? null : p.get(0);
  }

  /** Argument pairs whose values differ, so that swapping them changes the call. */
  private static List<String[]> swappablePairs(ToolCall c) {
    List<String> names = new ArrayList<>();
    c.arguments().fieldNames().forEachRemaining(names::add);
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        if (!c.arguments().get(names.get(i)).equals(c.arguments().get(names.get(j)))) {
          out.add(new String[] {names.get(i), names.get(j)});
        }
      }
    }
    return out;
  }

  private static boolean calledIn(Label label, String name) {
    for (ToolCall c : label.calls()) {
      if (c.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}

package dev.looptool.world.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.agent.DialoguePlan;
import dev.looptool.core.agent.PlanRequest;
import dev.looptool.core.agent.PlannedTurn;
import dev.looptool.core.agent.Planner;
import dev.looptool.core.agent.Shape;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.ToolCall;
import dev.looptool.world.Seeds;
import dev.looptool.world.WorldConfig;
import dev.looptool.world.synth.Capability;
import dev.looptool.world.synth.Catalog;
import dev.looptool.world.synth.ContextTree;
import dev.looptool.world.synth.WorldTool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated planner: draws a shape from the configured mix, picks the tools and the true calls
 * with values from the world's pools, and the distractors offered beside them. A shape the catalog
 * cannot serve (no producer/consumer pair for multi-step) falls back to a single call; the plan
 * says which shape it really has.
 */
public record SimulatedPlanner(Catalog catalog, WorldConfig config) implements Planner {
  static final String[] OUT_OF_SCOPE = {
    "write a short poem about the sea", "tell me a joke about cats", "explain how vaccines work",
    "summarize the plot of Hamlet", "translate good morning into Japanese",
        "give me tips for a job interview",
    "recommend a good book about history", "help me name my new puppy",
        "solve the equation 3x + 5 = 20",
    "describe the rules of chess"
  };

  @Override
  public DialoguePlan plan(PlanRequest r) {
    SplittableRandom rng = new SplittableRandom(r.seed());
    Shape shape =
        r.shape() != null ? r.shape() : WorldConfig.pick(config.shapeMix(), rng.nextDouble());
    String persona = r.persona() != null ? r.persona() : Personas.draw(rng);
    List<WorldTool> focus = new ArrayList<>(r.focusTools().size());
    for (String n : r.focusTools()) {
      WorldTool t = catalog.get(n);
      if (t == null) {
        throw new IllegalArgumentException("focus tool '" + n + "' is not in the world's catalog");
      }
      focus.add(t);
    }
    Set<String> must = new HashSet<>(r.focusParameters());
    switch (shape) {
      case PARALLEL:
        return parallel(focus, must, persona, r.richer(), rng);
      case MULTI_STEP:
        return multiStep(focus, must, persona, r.richer(), rng);
      case CLARIFY:
        return clarify(focus, must, persona, r.richer(), rng);
      case NO_TOOL:
        return noTool(focus, persona, rng);
      default:
        return single(focus, must, persona, r.richer(), rng);
    }
  }

  private DialoguePlan single(
      List<WorldTool> focus,
      Set<String> must,
      String persona,
      boolean richer,
      SplittableRandom rng) {
    WorldTool t = focus.isEmpty() ? randomTool(rng) : focus.get(0);
    ToolCall call = new ToolCall(t.name(), arguments(t, must, richer, null, rng));
    return new DialoguePlan(
        Shape.SINGLE,
        t.domain(),
        persona,
        offered(List.of(t), rng),
        List.of(PlannedTurn.calls(List.of(call))),
        null);
  }

  private DialoguePlan parallel(
      List<WorldTool> focus,
      Set<String> must,
      String persona,
      boolean richer,
      SplittableRandom rng) {
    boolean same;
    if (focus.size() >= 2) {
      same = focus.stream().map(WorldTool::name).distinct().count() == 1;
    } else if (focus.size() == 1) {
      same = true;
    } else {
      same = catalog.size() < 2 || rng.nextBoolean();
    }
    WorldTool first = focus.isEmpty() ? randomTool(rng) : focus.get(0);
    List<ToolCall> calls = new ArrayList<>(3);
    if (same && requiredNames(first).isEmpty()) {
      same = false;
    }
    if (same) {
      List<String> req = requiredNames(first);
      String varying = req.get(rng.nextInt(req.size()));
      for (String m : must) {
        if (req.contains(m)) {
          varying = m;
        }
      }
      int n = focus.size() >= 2 ? focus.size() : 2 + rng.nextInt(2);
      ObjectNode base = arguments(first, must, richer, null, rng);
      Set<JsonNode> seen = new HashSet<>();
      WorldTool.Param p = first.param(varying);
      for (int i = 0; i < n; i++) {
        ObjectNode a = base.deepCopy();
        JsonNode v = i == 0 ? a.get(varying) : null;
        for (int tries = 0; v == null || (seen.contains(v) && tries < 16); tries++) {
          v = p.kind().draw(rng);
        }
        if (!seen.add(v)) {
          break; // a pool too small for n distinct values: fewer calls rather than a duplicate
        }
        a.set(varying, v);
        calls.add(new ToolCall(first.name(), a));
      }
      if (calls.size() >= 2) {
        return new DialoguePlan(
            Shape.PARALLEL,
            first.domain(),
            persona,
            offered(List.of(first), rng),
            List.of(PlannedTurn.calls(calls)),
            null);
      }
      calls.clear();
    }
    WorldTool second =
        focus.size() >= 2 && !focus.get(1).name().equals(first.name()) ? focus.get(1) : null;
    for (int tries = 0; second == null && tries < 32; tries++) {
      WorldTool c = randomTool(rng);
      if (!c.capability().key().equals(first.capability().key())) {
        second = c;
      }
    }
    if (second == null) {
      return single(List.of(first), must, persona, richer, rng);
    }
    calls.add(new ToolCall(first.name(), arguments(first, must, richer, null, rng)));
    calls.add(new ToolCall(second.name(), arguments(second, must, richer, null, rng)));
    return new DialoguePlan(
        Shape.PARALLEL,
        first.domain(),
        persona,
        offered(List.of(first, second), rng),
        List.of(PlannedTurn.calls(calls)),
        null);
  }

  private DialoguePlan multiStep(
      List<WorldTool> focus,
      Set<String> must,
      String persona,
      boolean richer,
      SplittableRandom rng) {
    WorldTool producer = null;
    WorldTool consumer = null;
    if (focus.size() >= 2) {
      producer = focus.get(0);
      consumer = focus.get(1);
    } else {
      List<WorldTool[]> pairs = catalog.dependentPairs();
      if (!pairs.isEmpty()) {
        WorldTool[] pair = pairs.get(rng.nextInt(pairs.size()));
        producer = pair[0];
        consumer = pair[1];
      }
    }
    if (producer == null || consumer.consumedParam() == null || producer.idPointer() == null) {
      return single(focus, must, persona, richer, rng);
    }
    String dep = consumer.consumedParam().name();
    ToolCall first = new ToolCall(producer.name(), arguments(producer, must, richer, null, rng));
    ToolCall second = new ToolCall(consumer.name(), arguments(consumer, must, richer, dep, rng));
    List<PlannedTurn> turns =
        List.of(
            PlannedTurn.calls(List.of(first)),
            new PlannedTurn(List.of(second), null, dep, producer.idPointer(), null));
    return new DialoguePlan(
        Shape.MULTI_STEP,
        producer.domain(),
        persona,
        offered(List.of(producer, consumer), rng),
        turns,
        null);
  }

  private DialoguePlan clarify(
      List<WorldTool> focus,
      Set<String> must,
      String persona,
      boolean richer,
      SplittableRandom rng) {
    WorldTool t = focus.isEmpty() ? null : focus.get(0);
    for (int tries = 0; t == null && tries < 64; tries++) {
      WorldTool c = randomTool(rng);
      if (!requiredNames(c).isEmpty()) {
        t = c;
      }
    }
    if (t == null || requiredNames(t).isEmpty()) {
      return single(focus, must, persona, richer, rng);
    }
    List<String> req = requiredNames(t);
    String ask = req.get(rng.nextInt(req.size()));
    for (String m : must) {
      if (req.contains(m)) {
        ask = m;
      }
    }
    ToolCall call = new ToolCall(t.name(), arguments(t, must, richer, null, rng));
    List<PlannedTurn> turns =
        List.of(
            new PlannedTurn(List.of(), ask, null, null, null), PlannedTurn.calls(List.of(call)));
    return new DialoguePlan(
        Shape.CLARIFY, t.domain(), persona, offered(List.of(t), rng), turns, null);
  }

  private DialoguePlan noTool(List<WorldTool> focus, String persona, SplittableRandom rng) {
    List<String> offeredNames = new ArrayList<>();
    Set<String> offeredKeys = new HashSet<>();
    List<WorldTool> offered = new ArrayList<>(focus);
    int want = Math.max(1, 1 + config.distractors());
    for (int tries = 0; offered.size() < Math.min(want, catalog.size()) && tries < 64; tries++) {
      WorldTool c = randomTool(rng);
      if (!offered.contains(c)) {
        offered.add(c);
      }
    }
    for (WorldTool t : offered) {
      offeredNames.add(t.name());
      offeredKeys.add(t.capability().key());
    }
    String request = null;
    String domain = "general";
    if (rng.nextBoolean()) {
      // Ask for something the world can do, just not with the tools on offer.
      for (int tries = 0; request == null && tries < 32; tries++) {
        Capability c = ContextTree.CAPABILITIES.get(rng.nextInt(ContextTree.CAPABILITIES.size()));
        if (offeredKeys.contains(c.key()) || c.required().isEmpty()) {
          continue;
        }
        WorldTool shadow = null;
        for (WorldTool t : catalog.tools()) {
          if (t.capability() == c) {
            shadow = t;
            break;
          }
        }
        if (shadow != null && !offeredNames.contains(shadow.name())) {
          request =
              Phrasing.core(shadow, arguments(shadow, Set.of(), false, null, rng), Set.of(), rng);
          domain = c.domain();
        }
      }
    }
    if (request == null) {
      request = OUT_OF_SCOPE[rng.nextInt(OUT_OF_SCOPE.length)];
    }
    Seeds.shuffle(offeredNames, rng);
    List<PlannedTurn> turns =
        List.of(
            new PlannedTurn(List.of(), null, null, null, "no offered tool serves this request"));
    return new DialoguePlan(Shape.NO_TOOL, domain, persona, offeredNames, turns, request);
  }

  /** Arguments for a call: all required ones, each optional one at the configured rate. */
  ObjectNode arguments(
      WorldTool t, Set<String> must, boolean richer, String skip, SplittableRandom rng) {
    ObjectNode a = Json.object();
    double rate = richer ? Math.max(0.8, config.optionalArgRate()) : config.optionalArgRate();
    for (WorldTool.Param p : t.params()) {
      if (p.name().equals(skip)) {
        continue;
      }
      if (p.required() || must.contains(p.name()) || rng.nextDouble() < rate) {
        a.set(p.name(), p.kind().draw(rng));
      }
    }
    orderRange(t, a, "start_date", "end_date");
    stayLength(t, a, rng);
    return a;
  }

  /** A hotel stay lasts 1 to 14 nights: check-out follows check-in. */
  private static void stayLength(WorldTool t, ObjectNode a, SplittableRandom rng) {
    String in = null;
    String out = null;
    for (WorldTool.Param p : t.params()) {
      if (p.kind().key().equals("check_in")) {
        in = p.name();
      } else if (p.kind().key().equals("check_out")) {
        out = p.name();
      }
    }
    if (in != null && out != null && a.has(in) && a.has(out)) {
      java.time.LocalDate day = java.time.LocalDate.parse(a.get(in).asText());
      a.put(out, day.plusDays(1 + rng.nextInt(14)).toString());
    }
  }

  /** A range's first day comes first (ISO dates compare as strings), as a user would say it. */
  private static void orderRange(WorldTool t, ObjectNode a, String fromKey, String toKey) {
    String from = null;
    String to = null;
    for (WorldTool.Param p : t.params()) {
      if (p.kind().key().equals(fromKey)) {
        from = p.name();
      } else if (p.kind().key().equals(toKey)) {
        to = p.name();
      }
    }
    if (from == null || to == null || !a.has(from) || !a.has(to)) {
      return;
    }
    JsonNode x = a.get(from);
    JsonNode y = a.get(to);
    if (x.asText().compareTo(y.asText()) > 0) {
      a.set(from, y);
      a.set(to, x);
    }
  }

  /** The needed tools plus distractors (same domain first, when it has spare tools), shuffled. */
  List<String> offered(List<WorldTool> needed, SplittableRandom rng) {
    List<String> names = new ArrayList<>();
    for (WorldTool t : needed) {
      if (!names.contains(t.name())) {
        names.add(t.name());
      }
    }
    int target = Math.min(catalog.size(), names.size() + config.distractors());
    List<WorldTool> sameDomain = catalog.inDomain(needed.get(0).domain());
    for (int tries = 0; names.size() < target && tries < 64; tries++) {
      WorldTool c =
          rng.nextBoolean() && sameDomain.size() > 1
              ? sameDomain.get(rng.nextInt(sameDomain.size()))
              : randomTool(rng);
      if (!names.contains(c.name())) {
        names.add(c.name());
      }
    }
    Seeds.shuffle(names, rng);
    return names;
  }

  private WorldTool randomTool(SplittableRandom rng) {
    return catalog.tools().get(rng.nextInt(catalog.size()));
  }

  private static List<String> requiredNames(WorldTool t) {
    List<String> out = new ArrayList<>(3);
    for (WorldTool.Param p : t.params()) {
      if (p.required()) {
        out.add(p.name());
      }
    }
    return out;
  }
}

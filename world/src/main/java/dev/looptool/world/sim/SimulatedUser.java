package dev.looptool.world.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.agent.DialoguePlan;
import dev.looptool.core.agent.PlannedTurn;
import dev.looptool.core.agent.User;
import dev.looptool.core.agent.UserTurn;
import dev.looptool.core.model.ToolCall;
import dev.looptool.world.synth.Catalog;
import dev.looptool.world.synth.WorldTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated user: voices the plan's opening request in its persona's style (every true argument
 * appears in the text, except the one a clarify dialogue leaves out) and supplies the missing value
 * when asked.
 */
public record SimulatedUser(Catalog catalog) implements User {
  @Override
  public String say(UserTurn turn) {
    SplittableRandom rng = new SplittableRandom(turn.seed());
    DialoguePlan plan = turn.plan();
    Personas.Persona persona = Personas.get(plan.persona());
    if (turn.kind() == UserTurn.Kind.SUPPLY_VALUE) {
      return supply(plan, turn.turnIndex(), persona, rng);
    }
    return Personas.wrap(persona, request(plan, persona, rng), rng);
  }

  private String request(DialoguePlan plan, Personas.Persona persona, SplittableRandom rng) {
    switch (plan.shape()) {
      case NO_TOOL:
        return plan.unservedRequest();
      case CLARIFY:
        {
          ToolCall call = plan.turns().get(1).calls().get(0);
          return Phrasing.core(
              tool(call), call.arguments(), Set.of(plan.turns().get(0).askFor()), rng);
        }
      case MULTI_STEP:
        {
          ToolCall first = plan.turns().get(0).calls().get(0);
          PlannedTurn second = plan.turns().get(1);
          ToolCall next = second.calls().get(0);
          return Phrasing.core(tool(first), first.arguments(), Set.of(), rng)
              + Personas.pick(persona.then(), rng)
              + Phrasing.reference(
                  tool(next), next.arguments(), Set.of(second.dependentParameter()), rng);
        }
      case PARALLEL:
        return parallel(plan.turns().get(0).calls(), persona, rng);
      default:
        {
          ToolCall call = plan.turns().get(0).calls().get(0);
          return Phrasing.core(tool(call), call.arguments(), Set.of(), rng);
        }
    }
  }

  private String parallel(List<ToolCall> calls, Personas.Persona persona, SplittableRandom rng) {
    ToolCall first = calls.get(0);
    StringBuilder sb =
        new StringBuilder(Phrasing.core(tool(first), first.arguments(), Set.of(), rng));
    for (int i = 1; i < calls.size(); i++) {
      ToolCall c = calls.get(i);
      sb.append(Personas.pick(persona.joiners(), rng));
      if (c.name().equals(first.name())) {
        sb.append(rng.nextBoolean() ? "the same " : "do the same ");
        sb.append(
            Phrasing.clausesOf(
                tool(c), c.arguments(), differing(first.arguments(), c.arguments()), rng));
      } else {
        sb.append(Phrasing.core(tool(c), c.arguments(), Set.of(), rng));
      }
    }
    return sb.toString();
  }

  private String supply(
      DialoguePlan plan, int turnIndex, Personas.Persona persona, SplittableRandom rng) {
    PlannedTurn asked = plan.turns().get(turnIndex);
    ToolCall call = plan.turns().get(turnIndex + 1).calls().get(0);
    WorldTool t = tool(call);
    WorldTool.Param p = t.param(asked.askFor());
    JsonNode v = call.arguments().get(asked.askFor());
    String form = Personas.pick(persona.supplies(), rng);
    return form.replace("{clause}", p.kind().clause(v, rng)).replace("{v}", p.kind().voice(v));
  }

  private static List<String> differing(ObjectNode a, ObjectNode b) {
    List<String> out = new ArrayList<>(1);
    for (Map.Entry<String, JsonNode> e : b.properties()) {
      if (!e.getValue().equals(a.get(e.getKey()))) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  private WorldTool tool(ToolCall c) {
    WorldTool t = catalog.get(c.name());
    if (t == null) {
      throw new IllegalArgumentException(
          "the plan calls '" + c.name() + "', which is not in the world's catalog");
    }
    return t;
  }
}

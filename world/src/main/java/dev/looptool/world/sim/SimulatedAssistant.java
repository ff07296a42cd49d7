package dev.looptool.world.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.agent.Assistant;
import dev.looptool.core.agent.AssistantTurn;
import dev.looptool.core.agent.PlannedTurn;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.ToolCall;
import dev.looptool.world.synth.Catalog;
import dev.looptool.world.synth.WorldTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated assistant: makes the planned calls (taking a dependent argument from the previous
 * result), asks the planned clarifying question, or declines in text. At the configured slip rate
 * it makes a mistake the schema rules catch (a dropped required argument, a stringified number, an
 * invented parameter), as an LLM assistant would, so that verification has something to reject.
 */
public record SimulatedAssistant(Catalog catalog, double slipRate) implements Assistant {
  static final String[] ASKS = {
    "Could you tell me the {d}?",
    "What {d} should I use?",
    "I need the {d} to do that. What is it?",
    "Sure - which {d}?"
  };
  static final String[] DECLINES = {
    "Sorry, none of the available tools can help with that.",
    "I can't do that with the tools I have.",
    "Unfortunately that is outside what my tools support."
  };

  @Override
  public Message answer(AssistantTurn turn) {
    SplittableRandom rng = new SplittableRandom(turn.seed());
    PlannedTurn planned = turn.plan().turns().get(turn.turnIndex());
    if (planned.askFor() != null) {
      ToolCall target = turn.plan().turns().get(turn.turnIndex() + 1).calls().get(0);
      WorldTool t = catalog.get(target.name());
      WorldTool.Param p = t == null ? null : t.param(planned.askFor());
      String d =
          p == null ? planned.askFor() : p.kind().description().toLowerCase(java.util.Locale.ROOT);
      return Message.assistant(ASKS[rng.nextInt(ASKS.length)].replace("{d}", d));
    }
    if (planned.isText()) {
      return Message.assistant(DECLINES[rng.nextInt(DECLINES.length)]);
    }
    List<ToolCall> calls = Dependencies.resolve(planned, turn.conversation());
    if (slipRate > 0 && rng.nextDouble() < slipRate) {
      calls = slip(calls, rng);
    }
    return Message.assistant(calls);
  }

  /** One rule-visible mistake in one call; the calls unchanged when none applies. */
  List<ToolCall> slip(List<ToolCall> calls, SplittableRandom rng) {
    List<ToolCall> out = new ArrayList<>(calls);
    int i = rng.nextInt(out.size());
    ToolCall c = out.get(i);
    WorldTool t = catalog.get(c.name());
    int kind = rng.nextInt(3);
    ObjectNode a = c.arguments().deepCopy();
    if (kind == 0 && t != null) {
      for (WorldTool.Param p : t.params()) {
        if (p.required() && a.has(p.name())) {
          a.remove(p.name());
          out.set(i, new ToolCall(c.name(), a));
          return out;
        }
      }
    }
    if (kind <= 1) {
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        if (e.getValue().isNumber() || e.getValue().isBoolean()) {
          e.setValue(Json.NODES.textNode(e.getValue().asText()));
          out.set(i, new ToolCall(c.name(), a));
          return out;
        }
      }
    }
    a.put("notes", "as discussed");
    out.set(i, new ToolCall(c.name(), a));
    return out;
  }
}

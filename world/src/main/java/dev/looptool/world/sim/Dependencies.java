package dev.looptool.world.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.agent.PlannedTurn;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Resolves a dependent step: the argument a planned call takes from the previous tool result. */
public final class Dependencies {
  private Dependencies() {}

  /**
   * The planned calls with the dependent argument filled in (placed first, as ids are the first
   * thing such a tool needs) from the first tool result after the last assistant call.
   */
  public static List<ToolCall> resolve(PlannedTurn turn, List<Message> conversation) {
    if (turn.dependentParameter() == null) {
      return turn.calls();
    }
    JsonNode result = firstResultOfLastCall(conversation);
    JsonNode value = result == null ? null : result.at(turn.sourcePointer());
    if (value == null || value.isMissingNode()) {
      throw new IllegalStateException(
          "the previous tool result has nothing at " + turn.sourcePointer());
    }
    List<ToolCall> out = new ArrayList<>(turn.calls());
    ToolCall c = out.get(0);
    ObjectNode a = Json.object();
    a.set(turn.dependentParameter(), value.deepCopy());
    for (Map.Entry<String, JsonNode> e : c.arguments().properties()) {
      if (!e.getKey().equals(turn.dependentParameter())) {
        a.set(e.getKey(), e.getValue());
      }
    }
    out.set(0, new ToolCall(c.name(), a));
    return out;
  }

  /**
   * The last text parsed: the truth and the simulated assistant resolve the same result in turn.
   */
  private record Parsed(String text, JsonNode node) {}

  private static volatile Parsed last = new Parsed(null, null);

  private static JsonNode parse(String text) {
    Parsed p = last;
    if (p.text() != null && p.text().equals(text)) {
      return p.node();
    }
    try {
      JsonNode n = Json.parse(text);
      last = new Parsed(text, n);
      return n;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static JsonNode firstResultOfLastCall(List<Message> conversation) {
    for (int i = conversation.size() - 1; i >= 0; i--) {
      Message m = conversation.get(i);
      if (m.role() == Role.ASSISTANT && m.hasToolCalls()) {
        if (i + 1 < conversation.size() && conversation.get(i + 1).role() == Role.TOOL) {
          return parse(conversation.get(i + 1).content());
        }
        return null;
      }
    }
    return null;
  }
}

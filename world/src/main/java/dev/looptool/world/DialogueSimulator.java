package dev.looptool.world;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.agent.Assistant;
import dev.looptool.core.agent.AssistantTurn;
import dev.looptool.core.agent.DialoguePlan;
import dev.looptool.core.agent.PlanRequest;
import dev.looptool.core.agent.PlannedTurn;
import dev.looptool.core.agent.Planner;
import dev.looptool.core.agent.Shape;
import dev.looptool.core.agent.ToolAgent;
import dev.looptool.core.agent.User;
import dev.looptool.core.agent.UserTurn;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.world.sim.Dependencies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the four agents through one plan: the user's request, then each planned assistant turn (tool
 * results after calls, the user's answer after a clarifying question). Optional earlier exchanges
 * (single calls on offered tools, closed by a short text) come first to lengthen the history. The
 * true answer of each turn comes from the plan, never from the assistant, so that verification can
 * compare the two.
 */
public final class DialogueSimulator {
  static final String[] CLOSINGS = {"Done.", "All set.", "Here you go.", "That's done."};

  private final Planner planner;
  private final User user;
  private final Assistant assistant;
  private final ToolAgent tool;
  private final Map<String, ToolSpec> specs;
  private final Map<String, ToolSpec> promptSpecs;

  /**
   * @param specs full tool specs by name (with result schemas), for the tool agent
   * @param promptSpecs the specs samples offer, by name
   */
  public DialogueSimulator(
      Planner planner,
      User user,
      Assistant assistant,
      ToolAgent tool,
      Map<String, ToolSpec> specs,
      Map<String, ToolSpec> promptSpecs) {
    this.planner = planner;
    this.user = user;
    this.assistant = assistant;
    this.tool = tool;
    this.specs = specs;
    this.promptSpecs = promptSpecs;
  }

  public Planner planner() {
    return planner;
  }

  /** The specs a plan offers, in the plan's order. */
  public List<ToolSpec> offered(DialoguePlan plan) {
    List<ToolSpec> out = new ArrayList<>(plan.offeredTools().size());
    for (String n : plan.offeredTools()) {
      ToolSpec s = promptSpecs.get(n);
      if (s == null) {
        throw new IllegalArgumentException(
            "the plan offers '" + n + "', which is not in the catalog");
      }
      out.add(s);
    }
    return out;
  }

  public Dialogue run(DialoguePlan plan, int priorExchanges, long seed) throws Exception {
    List<ToolSpec> offered = offered(plan);
    List<Message> messages = new ArrayList<>(8 + 4 * priorExchanges);
    for (int i = 0; i < priorExchanges; i++) {
      long s = Seeds.of(seed, 100 + i);
      String name = plan.offeredTools().get(i % plan.offeredTools().size());
      DialoguePlan prior =
          planner.plan(
              new PlanRequest(
                  List.of(),
                  Shape.SINGLE,
                  List.of(name),
                  List.of(),
                  plan.persona(),
                  false,
                  Seeds.of(s, 1)));
      messages.add(
          Message.user(
              user.say(new UserTurn(UserTurn.Kind.REQUEST, prior, 0, messages, Seeds.of(s, 2)))));
      Message answer =
          assistant.answer(new AssistantTurn(offered, messages, prior, 0, Seeds.of(s, 3)));
      messages.add(answer);
      callTools(answer, messages, Seeds.of(s, 4));
      messages.add(
          Message.assistant(CLOSINGS[(int) Math.floorMod(Seeds.of(s, 5), (long) CLOSINGS.length)]));
    }
    messages.add(
        Message.user(
            user.say(new UserTurn(UserTurn.Kind.REQUEST, plan, 0, messages, Seeds.of(seed, 1)))));
    List<Dialogue.Turn> turns = new ArrayList<>(plan.turns().size());
    for (int t = 0; t < plan.turns().size(); t++) {
      PlannedTurn planned = plan.turns().get(t);
      Label truth =
          planned.isText()
              ? Label.ofText(
                  planned.askFor() != null ? "ask for " + planned.askFor() : planned.text())
              : Label.ofCalls(Dependencies.resolve(planned, messages));
      Message answer =
          assistant.answer(new AssistantTurn(offered, messages, plan, t, Seeds.of(seed, 10 + t)));
      turns.add(new Dialogue.Turn(messages.size(), answer, truth));
      messages.add(answer);
      callTools(answer, messages, Seeds.of(seed, 20 + t));
      if (planned.askFor() != null) {
        messages.add(
            Message.user(
                user.say(
                    new UserTurn(
                        UserTurn.Kind.SUPPLY_VALUE, plan, t, messages, Seeds.of(seed, 30 + t)))));
      }
    }
    return new Dialogue(plan, messages, turns);
  }

  private void callTools(Message answer, List<Message> messages, long seed) throws Exception {
    int i = 0;
    for (ToolCall c : answer.toolCalls()) {
      ToolSpec spec = specs.get(c.name());
      JsonNode result =
          spec == null
              ? Json.object().put("error", "unknown tool " + c.name())
              : tool.respond(spec, c, Seeds.of(seed, i++));
      messages.add(Message.tool(c.name(), Json.compact(result)));
    }
  }
}

package dev.looptool.activities.llm.agents;

import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.agent.DialoguePlan;
import dev.looptool.core.agent.PlanRequest;
import dev.looptool.core.agent.Planner;
import dev.looptool.core.llm.AgentPrompts;
import dev.looptool.core.llm.Prompt;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dialogue planner played by a model: it sees the catalog (or, when a request pins its focus
 * tools without a catalog, those tools from the full one) and answers a JSON plan that must fit the
 * shape, the catalog and the tool schemas; an unusable plan is asked for again.
 */
public final class LlmPlanner implements Planner {
  private final Reasking model;
  private final Map<String, ToolSpec> fullCatalog;

  public LlmPlanner(
      OpenAiClient client, SamplingParams sampling, List<ToolSpec> fullCatalog, int attempts) {
    this.model = new Reasking(client, sampling, attempts, "planner");
    this.fullCatalog = byName(fullCatalog);
  }

  @Override
  public DialoguePlan plan(PlanRequest request) throws Exception {
    List<ToolSpec> catalog = request.catalog();
    if (catalog.isEmpty()) {
      catalog = new ArrayList<>();
      for (String name : request.focusTools()) {
        ToolSpec t = fullCatalog.get(name);
        if (t == null) {
          throw new IllegalArgumentException(
              "the plan request focuses on '" + name + "', which is not in the catalog");
        }
        catalog.add(t);
      }
    }
    List<ToolSpec> shown = catalog;
    Map<String, ToolSpec> names = byName(catalog);
    Prompt base = AgentPrompts.planner(request, shown);
    return model.ask(
        request.seed(),
        problem ->
            problem == null
                ? base
                : new Prompt(
                    base.system(), base.user() + "\n\nYour previous plan was rejected: " + problem),
        answer -> AgentPrompts.parsePlan(answer, request, names));
  }

  private static Map<String, ToolSpec> byName(List<ToolSpec> tools) {
    Map<String, ToolSpec> m = new LinkedHashMap<>();
    tools.forEach(t -> m.put(t.name(), t));
    return m;
  }
}

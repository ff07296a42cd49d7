package dev.looptool.core.agent;

import dev.looptool.core.model.ToolSpec;
import java.util.List;

/**
 * What a planner is asked: plan a dialogue over the catalog. Any of shape, persona and the focus
 * fields may be null/empty to leave the choice to the planner. Expansion pins them: {@code
 * focusTools} are the tools the calls must use, in order; {@code focusParameters} are arguments the
 * calls must carry (the kind that went wrong); {@code richer} asks for more optional arguments.
 * {@code seed} makes a simulated planner (or an LLM sampled with a seed) reproducible.
 */
public record PlanRequest(
    List<ToolSpec> catalog,
    Shape shape,
    List<String> focusTools,
    List<String> focusParameters,
    String persona,
    boolean richer,
    long seed) {
  public PlanRequest {
    catalog = catalog == null ? List.of() : List.copyOf(catalog);
    focusTools = focusTools == null ? List.of() : List.copyOf(focusTools);
    focusParameters = focusParameters == null ? List.of() : List.copyOf(focusParameters);
  }

  /** A request that leaves every choice to the planner. */
  public static PlanRequest open(List<ToolSpec> catalog, long seed) {
    return new PlanRequest(catalog, null, List.of(), List.of(), null, false, seed);
  }
}

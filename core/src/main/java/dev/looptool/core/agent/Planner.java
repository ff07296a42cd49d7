package dev.looptool.core.agent;

/** The dialogue planner agent: chooses tools, true calls and flow for a requested shape. */
public interface Planner {
  DialoguePlan plan(PlanRequest request) throws Exception;
}

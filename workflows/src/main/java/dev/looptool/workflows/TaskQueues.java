package dev.looptool.workflows;

/** The task queues of looptool's worker pools (ARCHITECTURE.md); the one place they are named. */
public final class TaskQueues {
  /** Workflows; any worker may host them. */
  public static final String WORKFLOW = "looptool";

  /** Train, probe, evaluate: GPU machines, one activity slot per GPU. */
  public static final String GPU = "looptool-gpu";

  /** Judge, expand, LLM validation: anywhere with network to the LLM endpoints. */
  public static final String LLM = "looptool-llm";

  /** World generation, rule checks, correction, merge, reports. */
  public static final String CPU = "looptool-cpu";

  private TaskQueues() {}
}

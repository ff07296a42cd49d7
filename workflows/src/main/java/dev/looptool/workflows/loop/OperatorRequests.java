package dev.looptool.workflows.loop;

/**
 * What the operator asked of a run by signal: hold it before its next stage ({@code paused}),
 * finish it after the current iteration ({@code stopAfterIteration}).
 */
public record OperatorRequests(boolean paused, boolean stopAfterIteration) {
  /** Nothing asked. */
  public static final OperatorRequests NONE = new OperatorRequests(false, false);
}

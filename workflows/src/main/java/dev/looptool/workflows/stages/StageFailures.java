package dev.looptool.workflows.stages;

/** Stable failure type names activities use, so retry policies can tell them apart. */
public final class StageFailures {
  /** Input that cannot be used (a malformed file, an invalid setting): never retried. */
  public static final String BAD_INPUT = "BadInput";

  /** A model server or trainer that answered with a permanent error (e.g. 401): never retried. */
  public static final String BACKEND_REJECTED = "BackendRejected";

  /**
   * A worker whose artifact store does not hold the run (started with another {@code --store}):
   * retried, so that a worker with the run's store takes it.
   */
  public static final String WRONG_STORE = "WrongStore";

  private StageFailures() {}
}

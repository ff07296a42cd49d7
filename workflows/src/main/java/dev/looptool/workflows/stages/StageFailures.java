package dev.looptool.workflows.stages;

/** Stable failure type names activities use, so retry policies can tell them apart. */
public final class StageFailures {
  /** Input that cannot be used (a malformed file, an invalid setting): never retried. */
  public static final String BAD_INPUT = "BadInput";

  /** A model server or trainer that answered with a permanent error (e.g. 401): never retried. */
  public static final String BACKEND_REJECTED = "BackendRejected";

  private StageFailures() {}
}

package dev.looptool.activities.common;

import dev.looptool.activities.trainer.TrainerException;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.stages.StageFailures;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;

/**
 * The one translation of exceptions into activity failures, used by every activity method:
 *
 * <ul>
 *   <li>an {@link ApplicationFailure} passes through untouched, so translating twice changes
 *       nothing;
 *   <li>an {@link ActivityCompletionException} (cancellation, a heartbeat timeout) passes through
 *       untouched, even from inside a wrapper: the SDK must see it to end the attempt as cancelled
 *       rather than failed and retried;
 *   <li>{@link BadInputException} (bad data or settings) is non-retryable {@link
 *       StageFailures#BAD_INPUT};
 *   <li>a {@link TrainerException} is retryable or, when a retry cannot help, non-retryable {@link
 *       StageFailures#BACKEND_REJECTED};
 *   <li>on a worker whose store does not hold the run (see {@link #inRunOf}), a retryable {@link
 *       StageFailures#WRONG_STORE} that says so;
 *   <li>anything else is a retryable failure named by its exception class.
 * </ul>
 *
 * Every message it makes starts with where it happened: stage, shard, iteration and run.
 */
public record ActivityErrors(
    String stage, String runId, Integer iteration, Integer shard, ArtifactStore store) {
  /** The translation for {@code stage} (e.g. "merge") of run {@code runId}. */
  public static ActivityErrors at(String stage, String runId) {
    return new ActivityErrors(stage, runId, null, null, null);
  }

  public ActivityErrors iteration(int j) {
    return new ActivityErrors(stage, runId, j, shard, store);
  }

  public ActivityErrors shard(int s) {
    return new ActivityErrors(stage, runId, iteration, s, store);
  }

  /**
   * For a stage that works on a run already in {@code store} (every stage after the seed): when it
   * fails and the store holds no such run, the worker was started with another {@code --store} than
   * the run's, and the failure says so (retryable: a worker with the run's store can take the
   * retry) instead of naming a file that is missing.
   */
  public ActivityErrors inRunOf(ArtifactStore store) {
    return new ActivityErrors(stage, runId, iteration, shard, store);
  }

  /**
   * Fails now, before any work, when the store holds no such run (see {@link #inRunOf}): for the
   * stages that would otherwise complete on a worker with another {@code --store}, because nothing
   * they read must exist (the report shows what it finds; an arm's preparation writes its manifest)
   * and they would write their files into the wrong store.
   */
  public void requireRun() {
    ApplicationFailure wrongStore = wrongStore(null);
    if (wrongStore != null) {
      throw wrongStore;
    }
  }

  /** The failure of a worker whose store has no run {@code runId}; null where it has it. */
  private ApplicationFailure wrongStore(Throwable cause) {
    if (store == null || runId == null || store.exists(new RunLayout(runId).manifest())) {
      return null;
    }
    return ApplicationFailure.newFailureWithCause(
        where()
            + ": this worker's store has no run "
            + runId
            + " (no "
            + store.path(new RunLayout(runId).manifest())
            + "): every worker of a run must be started with the run's --store (one shared"
            + " directory); retrying, for a worker that has it",
        StageFailures.WRONG_STORE,
        cause);
  }

  /** Where, for messages: "judge shard 3 of iteration 2 of run r1". */
  public String where() {
    return stage
        + (shard == null ? "" : " shard " + shard)
        + (iteration == null ? "" : " of iteration " + iteration)
        + " of run "
        + runId;
  }

  /** The exception the activity throws for {@code e}. */
  public RuntimeException translate(Throwable e) {
    ActivityCompletionException done = completion(e);
    if (done != null) {
      return done;
    }
    if (e instanceof ApplicationFailure f) {
      return f;
    }
    ApplicationFailure wrongStore = wrongStore(e);
    if (wrongStore != null) {
      return wrongStore;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    if (e instanceof BadInputException) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          where() + ": " + e.getMessage(), StageFailures.BAD_INPUT, e);
    }
    if (e instanceof TrainerException t) {
      return t.retryable()
          ? ApplicationFailure.newFailureWithCause(
              where() + ": trainer exited with " + t.exitCode() + " (retryable): " + t.getMessage(),
              TrainerException.class.getName(),
              e)
          : ApplicationFailure.newNonRetryableFailureWithCause(
              where() + ": trainer exited with " + t.exitCode() + ": " + t.getMessage(),
              StageFailures.BACKEND_REJECTED,
              e);
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return ApplicationFailure.newFailureWithCause(
        where() + ": " + message, e.getClass().getName(), e);
  }

  /** The cancellation or timeout in {@code e}'s cause chain, if any. */
  private static ActivityCompletionException completion(Throwable e) {
    Throwable t = e;
    // Bounded, as a cause chain may loop.
    for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
      if (t instanceof ActivityCompletionException done) {
        return done;
      }
    }
    return null;
  }
}

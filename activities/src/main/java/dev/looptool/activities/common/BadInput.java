package dev.looptool.activities.common;

import dev.looptool.core.io.BadDataException;
import dev.looptool.workflows.stages.StageFailures;
import io.temporal.failure.ApplicationFailure;

/** Turns unusable input into a non-retryable failure whose message names the file and line. */
public final class BadInput {
  private BadInput() {}

  public static ApplicationFailure of(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, StageFailures.BAD_INPUT);
  }

  public static ApplicationFailure of(BadDataException e) {
    return ApplicationFailure.newNonRetryableFailure(e.getMessage(), StageFailures.BAD_INPUT);
  }
}

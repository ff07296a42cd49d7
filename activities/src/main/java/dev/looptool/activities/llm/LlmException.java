package dev.looptool.activities.llm;

import java.io.IOException;

/**
 * A request to a model endpoint that failed for good: after the retry budget for transient faults
 * (429, 5xx, resets, timeouts, malformed bodies), or at once for faults a retry cannot fix (other
 * 4xx, a missing API key). {@code errorClass} is the low-cardinality name metrics use.
 */
public final class LlmException extends IOException {
  private final String errorClass;
  private final int status;
  private final boolean retryable;

  public LlmException(
      String errorClass, int status, boolean retryable, String message, Throwable cause) {
    super(message, cause);
    this.errorClass = errorClass;
    this.status = status;
    this.retryable = retryable;
  }

  public String errorClass() {
    return errorClass;
  }

  /** The HTTP status, or 0 when no response came. */
  public int status() {
    return status;
  }

  /** Whether the fault was transient (the budget ran out) rather than one a retry cannot fix. */
  public boolean retryable() {
    return retryable;
  }
}

package dev.looptool.core.llm;

/**
 * When one base URL (a replica) of an endpoint is taken out of rotation and when it is tried again:
 * a circuit breaker per base URL over the last {@code windowCalls} attempts. It opens when, after
 * at least {@code minimumCalls}, the share of failed attempts (connection refused or reset,
 * per-attempt timeouts, 5xx, malformed bodies) reaches {@code failureRatePercent} or the share of
 * attempts slower than {@code slowCallMs} reaches {@code slowCallRatePercent}. Open, it gets no
 * requests for {@code openMs}; then {@code halfOpenCalls} trial requests decide whether it closes
 * again or stays open. A 429 counts neither way (the replica is alive, only busy). While every
 * replica is open, requests wait for one to come back: for at most {@code maxWaitMs} (then they
 * fail, retryably), or without limit when it is negative. Zero fields (and other negative ones)
 * take the defaults below.
 */
public record BreakerSettings(
    int failureRatePercent,
    long slowCallMs,
    int slowCallRatePercent,
    int windowCalls,
    int minimumCalls,
    long openMs,
    int halfOpenCalls,
    long maxWaitMs) {

  public static final int DEFAULT_FAILURE_RATE_PERCENT = 50;
  public static final long DEFAULT_SLOW_CALL_MS = 60_000;
  public static final int DEFAULT_SLOW_CALL_RATE_PERCENT = 80;
  public static final int DEFAULT_WINDOW_CALLS = 20;
  public static final int DEFAULT_MINIMUM_CALLS = 10;
  public static final long DEFAULT_OPEN_MS = 10_000;
  public static final int DEFAULT_HALF_OPEN_CALLS = 5;

  /**
   * A minute: a stage heartbeats meanwhile; after it the attempt fails retryably and resumes after
   * its last committed chunk, and a server started per checkpoint that died is started afresh by
   * the retry (its new port is a new endpoint, so waiting on the old one never ends).
   */
  public static final long DEFAULT_MAX_WAIT_MS = 60_000;

  public BreakerSettings {
    if (failureRatePercent > 100 || slowCallRatePercent > 100) {
      throw new IllegalArgumentException(
          "breaker: failureRatePercent and slowCallRatePercent must be at most 100, got "
              + failureRatePercent
              + " and "
              + slowCallRatePercent);
    }
    failureRatePercent =
        failureRatePercent <= 0 ? DEFAULT_FAILURE_RATE_PERCENT : failureRatePercent;
    slowCallMs = slowCallMs <= 0 ? DEFAULT_SLOW_CALL_MS : slowCallMs;
    slowCallRatePercent =
        slowCallRatePercent <= 0 ? DEFAULT_SLOW_CALL_RATE_PERCENT : slowCallRatePercent;
    windowCalls = windowCalls <= 0 ? DEFAULT_WINDOW_CALLS : windowCalls;
    minimumCalls = minimumCalls <= 0 ? Math.min(DEFAULT_MINIMUM_CALLS, windowCalls) : minimumCalls;
    if (minimumCalls > windowCalls) {
      throw new IllegalArgumentException(
          "breaker: minimumCalls ("
              + minimumCalls
              + ") must not exceed windowCalls ("
              + windowCalls
              + ")");
    }
    openMs = openMs <= 0 ? DEFAULT_OPEN_MS : openMs;
    halfOpenCalls = halfOpenCalls <= 0 ? DEFAULT_HALF_OPEN_CALLS : halfOpenCalls;
    maxWaitMs = maxWaitMs == 0 ? DEFAULT_MAX_WAIT_MS : maxWaitMs < 0 ? -1 : maxWaitMs;
  }

  /** Every field at its default. */
  public static BreakerSettings defaults() {
    return new BreakerSettings(0, 0, 0, 0, 0, 0, 0, 0);
  }
}

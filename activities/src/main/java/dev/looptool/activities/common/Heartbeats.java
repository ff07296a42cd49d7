package dev.looptool.activities.common;

import dev.looptool.workflows.stages.StageProgress;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Heartbeats of a long activity. Outside an activity (CLI, benchmarks) it does nothing, so the same
 * stage code runs anywhere. Cancellation reaches the activity through {@link #beat} (the SDK throws
 * there when the workflow cancels it).
 */
public final class Heartbeats {
  private final ActivityExecutionContext ctx;
  private final LongSupplier nanos;
  private final long startNanos;
  private long startDone = -1;

  private Heartbeats(ActivityExecutionContext ctx) {
    this(ctx, System::nanoTime);
  }

  Heartbeats(ActivityExecutionContext ctx, LongSupplier nanos) {
    this.ctx = ctx;
    this.nanos = nanos;
    this.startNanos = nanos.getAsLong();
  }

  /** Heartbeats of the current activity, or a no-op when not called from an activity thread. */
  public static Heartbeats current() {
    try {
      return new Heartbeats(Activity.getExecutionContext());
    } catch (RuntimeException notInActivity) {
      return new Heartbeats(null);
    }
  }

  public static Heartbeats none() {
    return new Heartbeats(null);
  }

  /** Sends the progress with this attempt's rate filled in. */
  public void beat(StageProgress progress) {
    if (ctx != null) {
      ctx.heartbeat(withRate(progress));
    }
  }

  /**
   * The progress with the rate {@code done} grew at since this attempt began: from zero, or from
   * where the previous attempt left off (its last heartbeat), so that work a retry skips (committed
   * chunks, a checkpoint) does not count as speed.
   */
  StageProgress withRate(StageProgress p) {
    if (startDone < 0) {
      startDone = previous().map(StageProgress::done).orElse(0L);
      if (startDone > p.done()) {
        startDone = p.done();
      }
    }
    double seconds = (nanos.getAsLong() - startNanos) / 1e9;
    double rate = seconds > 0 && p.done() > startDone ? (p.done() - startDone) / seconds : 0;
    return p.withPerSecond(rate);
  }

  /** The progress the previous attempt reported, if this is a retry that got that far. */
  public Optional<StageProgress> previous() {
    return ctx == null ? Optional.empty() : ctx.getHeartbeatDetails(StageProgress.class);
  }

  public int attempt() {
    return ctx == null ? 1 : ctx.getInfo().getAttempt();
  }
}

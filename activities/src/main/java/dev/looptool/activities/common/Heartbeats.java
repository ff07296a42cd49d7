package dev.looptool.activities.common;

import dev.looptool.workflows.stages.StageProgress;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.Optional;

/**
 * Heartbeats of a long activity. Outside an activity (CLI, benchmarks) it does nothing, so the same
 * stage code runs anywhere. Cancellation reaches the activity through {@link #beat} (the SDK throws
 * there when the workflow cancels it).
 */
public final class Heartbeats {
  private final ActivityExecutionContext ctx;

  private Heartbeats(ActivityExecutionContext ctx) {
    this.ctx = ctx;
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

  public void beat(StageProgress progress) {
    if (ctx != null) {
      ctx.heartbeat(progress);
    }
  }

  /** The progress the previous attempt reported, if this is a retry that got that far. */
  public Optional<StageProgress> previous() {
    return ctx == null ? Optional.empty() : ctx.getHeartbeatDetails(StageProgress.class);
  }

  public int attempt() {
    return ctx == null ? 1 : ctx.getInfo().getAttempt();
  }
}

package dev.looptool.activities.common;

import dev.looptool.core.concurrent.DaemonThreads;
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

  /** The last progress sent, which a {@link KeepAlive} repeats; null before the first. */
  private StageProgress last;

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
      StageProgress p;
      synchronized (this) {
        p = withRate(progress);
        last = p;
      }
      ctx.heartbeat(p);
    }
  }

  /**
   * Heartbeats from a background thread, every third of the activity's heartbeat timeout, until
   * closed: for work with no step to beat on (reading and merging a whole dataset, preparing a
   * trainer's data), which on a large dataset outlasts the timeout and was retried for ever. Each
   * repeats the last progress {@link #beat} sent, or before the first the previous attempt's (on a
   * retry) or {@code idle}, so the details a retry resumes from are never replaced by less. A
   * cancellation the SDK reports to one of these beats is thrown by {@link KeepAlive#close}.
   * Outside an activity it does nothing.
   */
  public KeepAlive keepAlive(StageProgress idle) {
    return new KeepAlive(idle);
  }

  /** The background heartbeat of {@link #keepAlive}. */
  public final class KeepAlive implements AutoCloseable {
    private final java.util.concurrent.ScheduledExecutorService timer;
    private volatile io.temporal.client.ActivityCompletionException ended;

    private KeepAlive(StageProgress idle) {
      if (ctx == null) {
        timer = null;
        return;
      }
      java.time.Duration timeout = ctx.getInfo().getHeartbeatTimeout();
      long period =
          timeout == null || timeout.isZero() ? 10_000 : Math.max(100, timeout.toMillis() / 3);
      timer =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
              DaemonThreads.named("looptool-keep-alive"));
      timer.scheduleAtFixedRate(
          () -> {
            StageProgress p;
            synchronized (Heartbeats.this) {
              p = last;
            }
            if (p == null) {
              p = previous().orElse(idle); // a retry keeps what the attempt before it reached
            }
            try {
              ctx.heartbeat(p);
            } catch (io.temporal.client.ActivityCompletionException e) {
              ended = e;
              timer.shutdown();
            }
          },
          period,
          period,
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      if (timer != null) {
        timer.shutdownNow();
      }
      if (ended != null) {
        throw ended;
      }
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

package dev.looptool.activities;

import dev.looptool.workflows.stages.StageProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * One attempt of an activity in its own {@link TestActivityEnvironment}, as a fresh worker would
 * run it: optionally given the previous attempt's heartbeat details, optionally cancelled at its
 * first heartbeat (the one the SDK sends at once; later ones are throttled, so stopping there is
 * the point at which the death is exactly reproducible). Records every heartbeat the service got.
 */
public final class Attempt<A> implements AutoCloseable {
  /**
   * A long heartbeat timeout: the SDK then sends the first heartbeat at once and throttles the
   * rest, and no local heartbeat timeout can fire on a slow, shared machine.
   */
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(1))
          .setHeartbeatTimeout(Duration.ofMinutes(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();

  /** Heartbeat details as the service decoded them, in the order they arrived. */
  public final List<StageProgress> heartbeats = new CopyOnWriteArrayList<>();

  private final A stub;

  public Attempt(
      Class<A> activityInterface,
      Object implementation,
      StageProgress previous,
      boolean cancelAtFirstHeartbeat) {
    env.registerActivitiesImplementations(implementation);
    env.setActivityHeartbeatListener(
        StageProgress.class,
        p -> {
          heartbeats.add(p);
          if (cancelAtFirstHeartbeat) {
            // The service answers this very heartbeat with "cancel requested"; the SDK then throws
            // ActivityCanceledException out of the activity's heartbeat call.
            env.requestCancelActivity();
          }
        });
    if (previous != null) {
      env.setHeartbeatDetails(previous);
    }
    stub = env.newActivityStub(activityInterface, OPTIONS);
  }

  public <R> R run(Function<A, R> call) {
    return call.apply(stub);
  }

  /** The last progress heartbeated, without its measured rate (which depends on the machine). */
  public StageProgress lastHeartbeat() {
    return heartbeats.isEmpty() ? null : heartbeats.get(heartbeats.size() - 1).withPerSecond(0);
  }

  @Override
  public void close() {
    env.close();
  }
}

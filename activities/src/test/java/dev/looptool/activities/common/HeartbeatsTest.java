package dev.looptool.activities.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.workflows.stages.StageProgress;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.ActivityCanceledException;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {
  static StageProgress at(long done) {
    return new StageProgress("grpo", 0, done, 300, "", null, 0);
  }

  /** The rate is what this attempt did per second since it began. */
  @Test
  void theRateIsProgressPerSecondSinceTheAttemptBegan() {
    AtomicLong now = new AtomicLong(5_000_000_000L);
    Heartbeats hb = new Heartbeats(null, now::get);
    assertEquals(0.0, hb.withRate(at(0)).perSecond());
    now.addAndGet(2_000_000_000L);
    assertEquals(10.0, hb.withRate(at(20)).perSecond(), 1e-9);
    now.addAndGet(2_000_000_000L);
    assertEquals(15.0, hb.withRate(at(60)).perSecond(), 1e-9);
  }

  @ActivityInterface
  public interface Slow {
    @ActivityMethod(name = "Slow")
    String work(boolean beatFirst);
  }

  /** A step-less activity: sleeps longer than its heartbeat timeout inside a keep-alive. */
  public static final class SlowImpl implements Slow {
    @Override
    public String work(boolean beatFirst) {
      Heartbeats hb = Heartbeats.current();
      if (beatFirst) {
        hb.beat(at(7));
      }
      try (Heartbeats.KeepAlive alive = hb.keepAlive(at(0))) {
        Thread.sleep(1_500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "done";
    }
  }

  private static Slow stub(TestActivityEnvironment env) {
    env.registerActivitiesImplementations(new SlowImpl());
    return env.newActivityStub(
        Slow.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setHeartbeatTimeout(Duration.ofMillis(600))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  /**
   * Work with no step to beat on outlasts its heartbeat timeout inside a keep-alive, which repeats
   * the last progress sent (never less than it).
   */
  @Test
  void aKeepAliveHeartbeatsThroughWorkLongerThanTheTimeoutRepeatingTheLastProgress() {
    for (boolean beatFirst : new boolean[] {false, true}) {
      TestActivityEnvironment env = TestActivityEnvironment.newInstance();
      List<StageProgress> beats = new CopyOnWriteArrayList<>();
      env.setActivityHeartbeatListener(StageProgress.class, beats::add);
      try {
        assertEquals("done", stub(env).work(beatFirst));
      } finally {
        env.close();
      }
      assertTrue(beats.size() >= 2, "heartbeats through 1.5 s of work: " + beats);
      long expected = beatFirst ? 7 : 0;
      for (StageProgress b : beats) {
        assertEquals(expected, b.done(), beats.toString());
      }
    }
  }

  /** A cancellation the keep-alive's heartbeat meets ends the activity as cancelled. */
  @Test
  void aCancellationMetByAKeepAliveBeatEndsTheActivityAsCancelled() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    env.setActivityHeartbeatListener(StageProgress.class, b -> env.requestCancelActivity());
    try {
      Exception e = assertThrows(Exception.class, () -> stub(env).work(false));
      boolean cancelled = false;
      for (Throwable t = e; t != null; t = t.getCause()) {
        cancelled |= t instanceof CanceledFailure || t instanceof ActivityCanceledException;
      }
      assertTrue(cancelled, e.toString());
    } finally {
      env.close();
    }
  }
}

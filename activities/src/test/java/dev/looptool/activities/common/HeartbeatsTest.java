package dev.looptool.activities.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looptool.workflows.stages.StageProgress;
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
}

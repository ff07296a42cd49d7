package dev.looptool.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.policy.TrainingTrace.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingTraceTest {
  @Test
  void signalIsTheShareOfAllGroupsWithUnequalRewards() {
    TrainingTrace t =
        new TrainingTrace(List.of(new Step(1, 0.5, 0.25, 1, 8), new Step(2, 0.4, 0.75, 5, 8)));
    assertEquals(6.0 / 16, t.informativeShare(), 1e-12);
    assertEquals(0.5, t.meanReward(), 1e-12);
  }

  @Test
  void sftStepsHaveNoRewardAndNoGroups() {
    TrainingTrace t = new TrainingTrace(List.of(new Step(1, 2.0, Double.NaN, 0, 0)));
    assertTrue(Double.isNaN(t.meanReward()));
    assertTrue(Double.isNaN(t.informativeShare()));
    assertTrue(Double.isNaN(TrainingTrace.EMPTY.informativeShare()));
  }
}

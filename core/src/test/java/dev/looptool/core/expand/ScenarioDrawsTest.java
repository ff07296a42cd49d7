package dev.looptool.core.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioDrawsTest {
  private static final Map<String, Double> UNIFORM =
      Map.of(
          "COMPLEXITY", 1.0, "USER_PERSONA", 1.0, "INTERACTION_STYLE", 1.0, "DATA_VARIATION", 1.0);

  @Test
  void theSameFailureDrawsTheSameVariations() {
    List<ScenarioVariation> a = ScenarioDraws.forFailure(UNIFORM, 42, "s-1", 8);
    assertEquals(8, a.size());
    assertEquals(a, ScenarioDraws.forFailure(UNIFORM, 42, "s-1", 8));
    assertEquals(a.subList(0, 4), ScenarioDraws.forFailure(UNIFORM, 42, "s-1", 4));
    assertNotEquals(a, ScenarioDraws.forFailure(UNIFORM, 43, "s-1", 8));
    assertNotEquals(a, ScenarioDraws.forFailure(UNIFORM, 42, "s-2", 8));
  }

  @Test
  void uniformWeightsReachEveryVariation() {
    Set<ScenarioVariation> drawn = EnumSet.noneOf(ScenarioVariation.class);
    for (int i = 0; i < 20; i++) {
      drawn.addAll(ScenarioDraws.forFailure(UNIFORM, 7, "s-" + i, 4));
    }
    assertEquals(EnumSet.allOf(ScenarioVariation.class), drawn);
  }

  @Test
  void aZeroOrMissingWeightIsNeverDrawn() {
    Map<String, Double> weights =
        Map.of("COMPLEXITY", 0.0, "DATA_VARIATION", 3.0, "USER_PERSONA", 1.0);
    for (int i = 0; i < 50; i++) {
      for (ScenarioVariation v : ScenarioDraws.forFailure(weights, 7, "s-" + i, 4)) {
        assertTrue(
            v == ScenarioVariation.DATA_VARIATION || v == ScenarioVariation.USER_PERSONA, v.name());
      }
    }
    assertEquals(
        List.of(ScenarioVariation.INTERACTION_STYLE, ScenarioVariation.INTERACTION_STYLE),
        ScenarioDraws.forFailure(Map.of("INTERACTION_STYLE", 1.0), 1, "x", 2));
  }
}

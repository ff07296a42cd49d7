package dev.looptool.core.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IterationSeedsTest {
  @Test
  void theExpansionSeedIsTheLoopsFormula() {
    assertEquals(3 * 1_000_003L + 2, IterationSeeds.expansion(3, 2));
    assertEquals(2, IterationSeeds.expansion(0, 2));
  }
}

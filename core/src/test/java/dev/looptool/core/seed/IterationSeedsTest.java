package dev.looptool.core.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IterationSeedsTest {
  @Test
  void expansionSeedIsTheFormulaEveryRunSoFarUsed() {
    // base * 1_000_003 + j: what the workflow wrote by hand before this class existed.
    assertEquals(1_000_004L, IterationSeeds.expansion(1L, 1));
    assertEquals(7L * 1_000_003L + 3, IterationSeeds.expansion(7L, 3));
    assertEquals(2L, IterationSeeds.expansion(0L, 2));
    // Long arithmetic wraps exactly as the inline expression did.
    assertEquals(Long.MAX_VALUE * 1_000_003L + 1, IterationSeeds.expansion(Long.MAX_VALUE, 1));
  }

  @Test
  void fillSeedIsTheBaseSeedPlusTheIteration() {
    assertEquals(2L, IterationSeeds.fill(1L, 1));
    assertEquals(45L, IterationSeeds.fill(42L, 3));
    assertEquals(-1L, IterationSeeds.fill(-3L, 2));
  }
}

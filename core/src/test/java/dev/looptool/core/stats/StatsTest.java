package dev.looptool.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void wilsonIntervalMatchesTheTextbookValues() {
    // 81 of 263 (Wilson 1927 via Newcombe 1998, Table I): 0.2553 to 0.3662.
    Accuracy a = Accuracy.of(81, 263);
    assertEquals(0.2553, a.low(), 1e-4);
    assertEquals(0.3662, a.high(), 1e-4);
    // 0 of 10: 0 to 0.2775 (Newcombe's table).
    Accuracy z = Accuracy.of(0, 10);
    assertEquals(0.0, z.low(), 1e-12);
    assertEquals(0.2775, z.high(), 1e-4);
  }

  @Test
  void aThousandSamplesSeparateSevenPointsButNotOne() {
    Accuracy a = Accuracy.of(750, 1000);
    assertTrue(a.high() - a.low() < 0.06, "width " + (a.high() - a.low()));
    assertTrue(Accuracy.of(680, 1000).high() < a.low());
    assertTrue(Accuracy.of(740, 1000).high() > a.low());
  }

  @Test
  void impossibleCountsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Accuracy.of(11, 10));
  }

  @Test
  void exactMcNemarPValues() {
    // b = 1, c = 9: 2 * P(X <= 1), X ~ Bin(10, 1/2) = 2 * 11/1024.
    assertEquals(22.0 / 1024, PairedComparison.exactPValue(1, 9), 1e-12);
    assertEquals(22.0 / 1024, PairedComparison.exactPValue(9, 1), 1e-12);
    assertEquals(1.0, PairedComparison.exactPValue(5, 5), 1e-12);
    assertEquals(1.0, PairedComparison.exactPValue(0, 0), 1e-12);
    // Large counts do not underflow: 400 vs 500 discordant pairs is clearly significant.
    double p = PairedComparison.exactPValue(400, 500);
    assertTrue(p > 0 && p < 0.002, "p " + p);
  }

  @Test
  void pairsAreComparedSampleBySample() {
    PairedComparison c = PairedComparison.of("1101100", "1011001");
    assertEquals(2, c.onlyA());
    assertEquals(2, c.onlyB());
    assertEquals(0.0, c.difference(), 1e-12);
    assertEquals(1.0, c.pValue(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> PairedComparison.of("10", "1"));
  }
}

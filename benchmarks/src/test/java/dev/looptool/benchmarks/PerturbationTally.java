package dev.looptool.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a checker test finds running an entry's perturbations: the ones whose verdict is not the
 * official error type expected, and how many perturbations of each expected type there were.
 */
public final class PerturbationTally {
  /** One line per perturbation the checker got wrong: entry, description, expected, got. */
  public final List<String> wrong = new ArrayList<>();

  /** Perturbations per expected error type. */
  public final Map<String, Integer> byType = new TreeMap<>();

  /**
   * Counts one perturbation whose expected error type is {@code expected}; the checker's verdict
   * said {@code valid} and {@code errorType}, and reads as {@code verdict}.
   */
  public void add(
      String entryId,
      String description,
      String expected,
      boolean valid,
      String errorType,
      Object verdict) {
    if (valid || !expected.equals(errorType)) {
      wrong.add(entryId + " [" + description + "] expected " + expected + " got " + verdict);
    }
    byType.merge(expected, 1, Integer::sum);
  }

  /** Asserts that the perturbations expected each error type of {@code types} at least once. */
  public void assertEveryTypeRan(List<String> types) {
    for (String type : types) {
      assertTrue(
          byType.getOrDefault(type, 0) > 0, "no perturbation of type " + type + ": " + byType);
    }
  }

  /** The first {@code n} wrong lines (a failing assertion shows a few, not thousands). */
  public List<String> firstWrong(int n) {
    return wrong.subList(0, Math.min(n, wrong.size()));
  }
}

package dev.looptool.benchmarks.bfcl;

import java.util.List;

/**
 * A BFCL-v3 score table: accuracy per category and the v3 aggregates. A category without results
 * counts as 0 in the aggregates (as upstream does) and is shown as not evaluated ("N/A").
 */
public record BfclScore(List<Category> categories, List<Aggregate> aggregates) {

  /** One category: how many of its entries the model got right. */
  public record Category(
      String category,
      String section,
      boolean evaluated,
      int correct,
      int total,
      double accuracy) {}

  /**
   * An aggregate such as "non_live_ast": its accuracy, the entries it spans, and whether it is
   * shown as N/A because a category it needs was not evaluated.
   */
  public record Aggregate(String name, double accuracy, int totalCount, boolean notAvailable) {
    public String display() {
      return notAvailable ? "N/A" : String.format(java.util.Locale.ROOT, "%.2f%%", accuracy * 100);
    }
  }

  public Aggregate aggregate(String name) {
    return aggregates.stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no aggregate " + name));
  }

  public Category category(String name) {
    return categories.stream()
        .filter(c -> c.category().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no category " + name));
  }
}

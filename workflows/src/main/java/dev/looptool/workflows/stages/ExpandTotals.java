package dev.looptool.workflows.stages;

import java.util.List;

/**
 * Expansion over all shards: failures expanded, samples generated, kept after validation, rejected,
 * and dropped as duplicates.
 */
public record ExpandTotals(
    long failures, long generated, long validated, long rejected, long duplicates) {
  /** Nothing expanded (the static baseline). */
  public static final ExpandTotals NONE = new ExpandTotals(0, 0, 0, 0, 0);

  /** The totals of {@code shards}. */
  public static ExpandTotals sum(List<ExpandShardResult> shards) {
    ExpandTotals totals = NONE;
    for (ExpandShardResult r : shards) {
      totals = totals.plus(r);
    }
    return totals;
  }

  /** These totals and one more shard's. */
  public ExpandTotals plus(ExpandShardResult r) {
    return new ExpandTotals(
        failures + r.failures(),
        generated + r.generated(),
        validated + r.validated(),
        rejected + r.rejected(),
        duplicates + r.duplicates());
  }
}

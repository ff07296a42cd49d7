package dev.looptool.workflows.stages;

import java.util.List;

/** What probing D_j found over all shards: mastered, mismatched, unparseable, sum of PPL. */
public record ProbeTotals(long mastered, long mismatched, long unparseable, double sumPpl) {
  /** Nothing probed (the static baseline). */
  public static final ProbeTotals NONE = new ProbeTotals(0, 0, 0, 0);

  /** The totals of {@code shards}, summed in shard order (so the PPL sum is reproducible). */
  public static ProbeTotals sum(List<ProbeShardResult> shards) {
    ProbeTotals totals = NONE;
    for (ProbeShardResult p : shards) {
      totals = totals.plus(p);
    }
    return totals;
  }

  /** These totals and one more shard's. */
  public ProbeTotals plus(ProbeShardResult p) {
    return new ProbeTotals(
        mastered + p.mastered(),
        mismatched + p.mismatched(),
        unparseable + p.unparseable(),
        sumPpl + p.sumPpl());
  }

  /** Mean PPL of the probed samples' own outputs; 0 when nothing was probed. */
  public double meanPpl() {
    long probed = mastered + mismatched;
    return probed == 0 ? 0 : sumPpl / probed;
  }
}

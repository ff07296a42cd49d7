package dev.looptool.workflows.loop;

import dev.looptool.workflows.stages.Composition;
import dev.looptool.workflows.stages.Dataset;
import dev.looptool.workflows.stages.EvalResult;
import dev.looptool.workflows.stages.ExpandTotals;
import dev.looptool.workflows.stages.MergeResult;
import dev.looptool.workflows.stages.ProbeTotals;
import dev.looptool.workflows.stages.TrainResult;

/**
 * What iteration {@code iteration} trained on (D_j) and what each stage gave: training, probing,
 * label verification, expansion, the merge of D_{j+1} ({@code null} for the static baseline, which
 * trains on the seed data again), and the held-out evaluation of π_j.
 */
public record IterationSummary(
    int iteration,
    Dataset train,
    TrainResult trained,
    ProbeTotals probe,
    Verification verification,
    ExpandTotals expansion,
    MergeResult merge,
    EvalResult eval) {

  /** D_{j+1}: the merged dataset, or D_j again when there was no merge. */
  public Dataset next() {
    return merge == null ? train : merge.next();
  }

  /** How D_{j+1} was composed; all zero when there was no merge. */
  public Composition composition() {
    return merge == null ? Composition.NONE : merge.composition();
  }

  /**
   * Samples that left the pool this iteration: the merge's count (BOTH_WRONG, rejected and
   * duplicate expansions), or the correction's when there was no merge.
   */
  public long quarantined() {
    return merge == null ? verification.correction().quarantined() : merge.quarantined();
  }

  /** Mean PPL of the probe of D_j (0 when nothing was probed). */
  public double meanPpl() {
    return probe.meanPpl();
  }
}

package dev.looptool.workflows.loop;

import dev.looptool.workflows.stages.CorrectResult;
import dev.looptool.workflows.stages.JudgeTotals;

/**
 * Judgement-guided label verification (JGLV) of one iteration: the judge's verdicts over the
 * mismatches, and what applying them did ({@code correction}). Without JGLV nothing is judged and
 * the correction keeps every label.
 */
public record Verification(JudgeTotals judge, CorrectResult correction) {
  /** Nothing verified (the static baseline). */
  public static final Verification NONE =
      new Verification(JudgeTotals.NONE, new CorrectResult(0, 0, 0, 0, 0));
}

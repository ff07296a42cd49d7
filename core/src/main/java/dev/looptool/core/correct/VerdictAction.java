package dev.looptool.core.correct;

import dev.looptool.core.judge.Verdict;

/**
 * What a verdict on a mismatch does to the sample (LOOPTOOL.md, step 4). Correction and the choice
 * of failures to expand both read this one table, so they cannot disagree about a verdict. Verdicts
 * stand only with consensus:
 *
 * <ul>
 *   <li>LABEL_WRONG: {@link #REPLACE_LABEL}
 *   <li>PRED_WRONG, and every mismatch when JGLV is ablated: {@link #KEEP_LABEL}
 *   <li>BOTH_WRONG: {@link #QUARANTINE}
 *   <li>BOTH_CORRECT: {@link #MASTERED}
 *   <li>UNCERTAIN, UNPARSEABLE, and any verdict without consensus: {@link #KEEP_UNVERIFIED}
 * </ul>
 */
public enum VerdictAction {
  /** The label is replaced by the prediction; the sample is an error and a verified failure. */
  REPLACE_LABEL(true, true),
  /** The label stands and the model was wrong: an error and a verified failure. */
  KEEP_LABEL(true, true),
  /**
   * Nothing was established: the sample stays in the error set with its label, but is not a
   * verified failure, so it is neither counted as one nor expanded.
   */
  KEEP_UNVERIFIED(true, false),
  /** Neither answer is right: the sample leaves the pool for the quarantine file. */
  QUARANTINE(false, false),
  /** Both answers are right: the sample counts as mastered (a fill candidate). */
  MASTERED(false, false);

  private final boolean inErrorSet;
  private final boolean verifiedFailure;

  VerdictAction(boolean inErrorSet, boolean verifiedFailure) {
    this.inErrorSet = inErrorSet;
    this.verifiedFailure = verifiedFailure;
  }

  /** The action of a judge's verdict; without consensus no verdict stands. */
  public static VerdictAction of(Verdict verdict, boolean consensus) {
    if (!consensus) {
      return KEEP_UNVERIFIED;
    }
    switch (verdict) {
      case LABEL_WRONG:
        return REPLACE_LABEL;
      case PRED_WRONG:
        return KEEP_LABEL;
      case BOTH_WRONG:
        return QUARANTINE;
      case BOTH_CORRECT:
        return MASTERED;
      default:
        return KEEP_UNVERIFIED;
    }
  }

  /**
   * The action for a mismatch when JGLV is ablated: nobody judges, so the label is trusted and the
   * model is taken to be wrong (as a PRED_WRONG verdict would say).
   */
  public static VerdictAction withoutJglv() {
    return KEEP_LABEL;
  }

  /** Whether the sample goes to the error set ES (with its label, or the corrected one). */
  public boolean inErrorSet() {
    return inErrorSet;
  }

  /** Whether the sample is a verified failure: counted as one, and expanded by EDDE. */
  public boolean verifiedFailure() {
    return verifiedFailure;
  }
}

package dev.looptool.core.judge;

/**
 * What the judge decides about a mismatch between a label and a prediction (JGLV). UNCERTAIN: the
 * votes disagreed across orders or no quorum formed; UNPARSEABLE: the answer named no verdict.
 */
public enum Verdict {
  PRED_WRONG,
  LABEL_WRONG,
  BOTH_CORRECT,
  BOTH_WRONG,
  UNCERTAIN,
  UNPARSEABLE
}

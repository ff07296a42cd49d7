package dev.looptool.core.judge;

import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.match.ToolMatch;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.schema.SchemaChecker;
import java.util.List;

/**
 * The rule tier that runs before any judge call (LOOPTOOL.md, step 3): identical calls are mastered
 * and never reach a judge; a label that violates its own tool schema while the prediction satisfies
 * it is marked as a LABEL_WRONG candidate, which still goes to the judge.
 */
public final class RuleTier {
  private RuleTier() {}

  /** What the rules settle. */
  public enum Outcome {
    /** Prediction and label match: mastered, no judge call. */
    IDENTICAL,
    /** The label breaks its schema and the prediction does not: the judge is told so. */
    LABEL_WRONG_CANDIDATE,
    /** Nothing settled: the judge decides. */
    UNDECIDED
  }

  /**
   * The judgement of an {@link Outcome#IDENTICAL} outcome, made without a judge: BOTH_CORRECT with
   * consensus and no votes.
   */
  public static Judgement identical(String sampleId) {
    return new Judgement(
        sampleId, Verdict.BOTH_CORRECT, true, "identical calls (rule tier)", List.of());
  }

  public static Outcome apply(Sample sample, ParsedOutput prediction) {
    if (ToolMatch.matches(prediction, sample.label())) {
      return Outcome.IDENTICAL;
    }
    if (prediction.parsed()
        && !prediction.calls().isEmpty()
        && violates(sample, sample.label().calls())
        && !violates(sample, prediction.calls())) {
      return Outcome.LABEL_WRONG_CANDIDATE;
    }
    return Outcome.UNDECIDED;
  }

  static boolean violates(Sample sample, List<ToolCall> calls) {
    for (ToolCall c : calls) {
      if (!SchemaChecker.check(c, sample.tools()).isEmpty()) {
        return true;
      }
    }
    return false;
  }
}

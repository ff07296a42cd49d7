package dev.looptool.core.correct;

import dev.looptool.core.expand.Failure;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.LabelChange;
import dev.looptool.core.model.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step 4 of the loop as a pure function: the judged mismatches of an iteration become the error set
 * ES (labels corrected where the judge says so) and the quarantine; the same verdicts pick the
 * failures that expansion learns from. Both follow {@link VerdictAction}.
 */
public final class Correction {
  private Correction() {}

  /**
   * A mismatch found by probing: the sample, the model's raw prediction and the judgement on it
   * (null when JGLV is ablated and nobody judged).
   */
  public record Mismatch(Sample sample, String prediction, Judgement judgement) {
    /** What the verdict does to this sample. */
    public VerdictAction action() {
      return judgement == null
          ? VerdictAction.withoutJglv()
          : VerdictAction.of(judgement.verdict(), judgement.consensus());
    }
  }

  /** A sample that leaves the pool, and why. */
  public record Quarantined(Sample sample, String reason) {}

  /**
   * ES in mismatch order, the quarantined samples, and the counts: labels replaced, mismatches
   * judged BOTH_CORRECT, verified failures.
   */
  public record Result(
      List<Sample> errorSet,
      List<Quarantined> quarantined,
      long corrected,
      long bothCorrect,
      long failures) {}

  /** Applies every mismatch's verdict, in order. */
  public static Result apply(List<Mismatch> mismatches, int iteration) {
    List<Sample> errors = new ArrayList<>();
    List<Quarantined> quarantine = new ArrayList<>();
    long corrected = 0;
    long bothCorrect = 0;
    long failures = 0;
    for (Mismatch m : mismatches) {
      VerdictAction a = m.action();
      switch (a) {
        case QUARANTINE:
          quarantine.add(new Quarantined(m.sample(), "BOTH_WRONG: " + m.judgement().analysis()));
          break;
        case MASTERED:
          bothCorrect++;
          break;
        case REPLACE_LABEL:
          errors.add(corrected(m, iteration));
          corrected++;
          break;
        default:
          errors.add(m.sample());
      }
      if (a.verifiedFailure()) {
        failures++;
      }
    }
    return new Result(errors, quarantine, corrected, bothCorrect, failures);
  }

  /**
   * The sample with its label replaced by the prediction; its provenance records the old label, the
   * verdict, the judge's analysis and the iteration.
   */
  public static Sample corrected(Mismatch m, int iteration) {
    Sample s = m.sample();
    return s.withLabel(
        PredictionLabel.of(m.prediction()),
        s.provenance()
            .withCorrection(
                new LabelChange(
                    iteration, s.label(), Verdict.LABEL_WRONG.name(), m.judgement().analysis())));
  }

  /**
   * The failure expansion learns from, when the mismatch is a verified failure: the correct answer
   * (the label, or for LABEL_WRONG the prediction) and the wrong one. Without JGLV it reads as a
   * PRED_WRONG verdict with no analysis.
   *
   * <p>For LABEL_WRONG the sample carries the corrected label but keeps its provenance as it was:
   * the generator sees the source that way, and repeated failures (no EDDE) inherit it.
   */
  public static Optional<Failure> failure(Mismatch m, int iteration) {
    VerdictAction a = m.action();
    if (!a.verifiedFailure()) {
      return Optional.empty();
    }
    Sample s = m.sample();
    Label predicted = PredictionLabel.of(m.prediction());
    if (m.judgement() == null) {
      return Optional.of(new Failure(s, s.label(), predicted, Verdict.PRED_WRONG, "", iteration));
    }
    Verdict v = m.judgement().verdict();
    String analysis = m.judgement().analysis();
    if (a == VerdictAction.REPLACE_LABEL) {
      return Optional.of(
          new Failure(
              s.withLabel(predicted, s.provenance()),
              predicted,
              s.label(),
              v,
              analysis,
              iteration));
    }
    return Optional.of(new Failure(s, s.label(), predicted, v, analysis, iteration));
  }
}

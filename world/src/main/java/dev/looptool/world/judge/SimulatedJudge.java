package dev.looptool.world.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.Judge;
import dev.looptool.core.judge.JudgeRequest;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.judge.Vote;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.store.Sha256;
import dev.looptool.world.Seeds;
import dev.looptool.world.Truth;
import dev.looptool.world.TruthRecord;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The judge of the synthetic world: decides PRED_WRONG / LABEL_WRONG / BOTH_CORRECT / BOTH_WRONG
 * from the truth (an answer is correct when it equals the true calls, reading omitted optional
 * arguments as their defaults; a text truth accepts any text answer), then, at the configured error
 * rate, gives one of the three other verdicts instead, drawn uniformly. Each draw depends only on
 * (seed, sample id, iteration), so a retried activity gets the same verdict.
 */
public final class SimulatedJudge implements Judge {
  public static final String VOTER = "simulated";

  private final Truth truth;
  private final long seed;
  private final double errorRate;

  public SimulatedJudge(Truth truth, long seed, double errorRate) {
    if (!(errorRate >= 0 && errorRate <= 1)) {
      throw new IllegalArgumentException("judge error rate must be in [0, 1], got " + errorRate);
    }
    this.truth = truth;
    this.seed = seed;
    this.errorRate = errorRate;
  }

  @Override
  public Judgement judge(JudgeRequest request) {
    Sample s = request.sample();
    TruthRecord t = truth.require(s.id());
    List<ToolCall> predicted = request.prediction().calls();
    boolean labelOk = Truth.correct(s.label(), t, s.tools());
    boolean predOk = request.prediction().parsed() && Truth.correct(predicted, t, s.tools());
    Verdict right = verdict(labelOk, predOk);
    SplittableRandom rng = new SplittableRandom(Seeds.of(seed, s.id(), 2L * request.iteration()));
    Verdict given = right;
    if (rng.nextDouble() < errorRate) {
      Verdict[] others = new Verdict[3];
      int k = 0;
      for (Verdict v :
          new Verdict[] {
            Verdict.PRED_WRONG, Verdict.LABEL_WRONG, Verdict.BOTH_CORRECT, Verdict.BOTH_WRONG
          }) {
        if (v != right) {
          others[k++] = v;
        }
      }
      given = others[rng.nextInt(3)];
    }
    String analysis =
        analysis(given, s.label(), request.prediction().parsed() ? predicted : null, t);
    ObjectNode sampling = Json.object();
    sampling.put("error_rate", errorRate);
    sampling.put("seed", seed);
    Vote vote =
        new Vote(
            VOTER,
            "single",
            Sha256.of(describe(request)),
            sampling,
            given.name() + "\n" + analysis,
            given,
            analysis);
    return new Judgement(s.id(), given, true, analysis, List.of(vote));
  }

  static Verdict verdict(boolean labelOk, boolean predOk) {
    if (labelOk && predOk) {
      return Verdict.BOTH_CORRECT;
    }
    if (labelOk) {
      return Verdict.PRED_WRONG;
    }
    if (predOk) {
      return Verdict.LABEL_WRONG;
    }
    return Verdict.BOTH_WRONG;
  }

  /** One line, consistent with the verdict given (a mistaken judge argues for its mistake). */
  static String analysis(Verdict given, Label label, List<ToolCall> predicted, TruthRecord t) {
    boolean labelWrong = given == Verdict.LABEL_WRONG || given == Verdict.BOTH_WRONG;
    boolean predWrong = given == Verdict.PRED_WRONG || given == Verdict.BOTH_WRONG;
    return "label "
        + side(labelWrong, label.calls(), t)
        + "; prediction "
        + (predicted == null ? "cannot be parsed" : side(predWrong, predicted, t));
  }

  private static String side(boolean wrong, List<ToolCall> calls, TruthRecord t) {
    if (!wrong) {
      return "fits the request";
    }
    String d = CallDiff.describe(calls, t.label().calls(), t.label().isText());
    return "is wrong: " + (d.isEmpty() ? "does not fit the request" : d);
  }

  /** The canonical text of what was judged: the prompt, the label and the prediction. */
  static String describe(JudgeRequest r) {
    Sample s = r.sample();
    return HermesFormat.prompt(s.tools(), s.messages())
        + "\n#label\n"
        + SampleJson.callsToJson(s.label().calls())
        + (s.label().text() == null ? "" : "\n" + s.label().text())
        + "\n#prediction\n"
        + (r.predictionText() == null ? "" : r.predictionText())
        + "\n#iteration "
        + r.iteration();
  }
}

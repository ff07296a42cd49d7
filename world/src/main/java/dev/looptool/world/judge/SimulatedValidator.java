package dev.looptool.world.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.ResponseValidator;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.judge.Vote;
import dev.looptool.core.model.Sample;
import dev.looptool.core.store.Sha256;
import dev.looptool.world.Seeds;
import dev.looptool.world.Truth;
import dev.looptool.world.TruthRecord;
import java.util.SplittableRandom;

/**
 * The single-response validator of the synthetic world: CORRECT when the sample's label is a true
 * answer (as {@link Truth#correct} defines it), else INCORRECT, flipped at the configured error
 * rate; deterministic per (seed, sample id, iteration). The vote's verdict is BOTH_CORRECT for
 * CORRECT and LABEL_WRONG for INCORRECT, the nearest the judge's verdicts come.
 */
public final class SimulatedValidator implements ResponseValidator {
  private final Truth truth;
  private final long seed;
  private final double errorRate;

  public SimulatedValidator(Truth truth, long seed, double errorRate) {
    if (!(errorRate >= 0 && errorRate <= 1)) {
      throw new IllegalArgumentException(
          "validator error rate must be in [0, 1], got " + errorRate);
    }
    this.truth = truth;
    this.seed = seed;
    this.errorRate = errorRate;
  }

  @Override
  public Result validate(Sample sample, int iteration) {
    TruthRecord t = truth.require(sample.id());
    boolean right = Truth.correct(sample.label(), t, sample.tools());
    SplittableRandom rng = new SplittableRandom(Seeds.of(seed, sample.id(), 2L * iteration + 1));
    boolean given = rng.nextDouble() < errorRate ? !right : right;
    String reason;
    if (given) {
      reason = "the label answers the request";
    } else {
      String d = CallDiff.describe(sample.label().calls(), t.label().calls(), t.label().isText());
      reason = "the label " + (d.isEmpty() ? "does not answer the request" : d);
    }
    ObjectNode sampling = Json.object();
    sampling.put("error_rate", errorRate);
    sampling.put("seed", seed);
    String prompt =
        HermesFormat.prompt(sample.tools(), sample.messages())
            + "\n#label\n"
            + SampleJson.callsToJson(sample.label().calls())
            + "\n#iteration "
            + iteration;
    Vote vote =
        new Vote(
            SimulatedJudge.VOTER,
            "single",
            Sha256.of(prompt),
            sampling,
            (given ? "CORRECT" : "INCORRECT") + "\n" + reason,
            given ? Verdict.BOTH_CORRECT : Verdict.LABEL_WRONG,
            reason);
    return new Result(given, reason, vote);
  }
}

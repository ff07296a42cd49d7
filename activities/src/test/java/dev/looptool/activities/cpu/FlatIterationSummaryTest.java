package dev.looptool.activities.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looptool.core.json.Json;
import dev.looptool.workflows.loop.IterationSummary;
import dev.looptool.workflows.loop.Verification;
import dev.looptool.workflows.stages.Composition;
import dev.looptool.workflows.stages.CorrectResult;
import dev.looptool.workflows.stages.Dataset;
import dev.looptool.workflows.stages.EvalResult;
import dev.looptool.workflows.stages.ExpandTotals;
import dev.looptool.workflows.stages.JudgeTotals;
import dev.looptool.workflows.stages.MergeResult;
import dev.looptool.workflows.stages.ProbeTotals;
import dev.looptool.workflows.stages.TrainResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** summary.json keeps its flat shape whatever the composed summary looks like. */
class FlatIterationSummaryTest {
  private static IterationSummary summary(MergeResult merge) {
    Map<String, Double> byShape = new LinkedHashMap<>();
    byShape.put("single", 0.7);
    byShape.put("parallel", 0.4);
    return new IterationSummary(
        2,
        new Dataset("runs/r/iter-02/train.jsonl", 400, 0.9),
        new TrainResult("runs/r/iter-02/checkpoint", 10, 0.5, 0.25),
        new ProbeTotals(140, 60, 4, 300.0),
        new Verification(
            new JudgeTotals(Map.of("PRED_WRONG", 40L, "BOTH_WRONG", 4L), 56),
            new CorrectResult(108, 24, 8, 4, 104)),
        new ExpandTotals(52, 208, 200, 8, 0),
        merge,
        new EvalResult("runs/r/iter-02/eval.json", 100, 0.6, byShape));
  }

  @Test
  void fieldsKeepTheirNamesOrderAndValues() throws Exception {
    MergeResult merged =
        new MergeResult(
            new Dataset("runs/r/iter-03/train.jsonl", 400, null),
            new Composition(108, 200, -108, 200),
            600,
            12);
    assertEquals(
        "{\"iteration\":2,\"trainCount\":400,\"trainPurity\":0.9,\"trainSteps\":10,"
            + "\"trainLoss\":0.5,\"trainReward\":0.25,\"mastered\":140,\"mismatched\":60,"
            + "\"meanPpl\":1.5,\"unparseable\":4,\"verdicts\":{\"BOTH_WRONG\":4,\"PRED_WRONG\":40},"
            + "\"consensus\":56,\"corrected\":24,\"quarantined\":12,\"failures\":52,"
            + "\"generated\":208,\"validated\":200,\"rejectedExpansions\":8,\"nextErrorSet\":108,"
            + "\"nextExpansions\":200,\"nextHighPpl\":-108,\"nextSeedNew\":200,\"nextCount\":400,"
            + "\"nextPurity\":null,\"accuracy\":0.6,"
            + "\"accuracyByShape\":{\"parallel\":0.4,\"single\":0.7},"
            + "\"trainInformativeShare\":null}",
        Json.MAPPER.writeValueAsString(FlatIterationSummary.of(summary(merged))));
  }

  @Test
  void withoutAMergeTheNextDatasetIsDjAndQuarantineIsTheCorrections() {
    FlatIterationSummary f = FlatIterationSummary.of(summary(null));
    assertEquals(400, f.nextCount());
    assertEquals(0.9, f.nextPurity());
    assertEquals(8, f.quarantined());
    assertEquals(0, f.nextErrorSet() + f.nextExpansions() + f.nextHighPpl() + f.nextSeedNew());
  }
}

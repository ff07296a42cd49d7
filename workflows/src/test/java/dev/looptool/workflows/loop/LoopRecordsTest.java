package dev.looptool.workflows.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.looptool.workflows.spec.MergeSpec;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.stages.Composition;
import dev.looptool.workflows.stages.CorrectResult;
import dev.looptool.workflows.stages.Dataset;
import dev.looptool.workflows.stages.EvalResult;
import dev.looptool.workflows.stages.ExpandShardResult;
import dev.looptool.workflows.stages.ExpandTotals;
import dev.looptool.workflows.stages.JudgeShardResult;
import dev.looptool.workflows.stages.JudgeTotals;
import dev.looptool.workflows.stages.MergeResult;
import dev.looptool.workflows.stages.MergeSchedule;
import dev.looptool.workflows.stages.ProbeShardResult;
import dev.looptool.workflows.stages.ProbeTotals;
import dev.looptool.workflows.stages.SeedResult;
import dev.looptool.workflows.stages.TrainResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The composed loop records: stage totals, derived summary values, and the state's boundaries. */
class LoopRecordsTest {
  private static final Dataset D1 = new Dataset("runs/r/iter-01/train.jsonl", 400, 0.9);
  private static final Dataset D2 = new Dataset("runs/r/iter-02/train.jsonl", 400, 0.95);
  private static final SeedResult SEED =
      new SeedResult(
          new Dataset("runs/r/seed/pool.jsonl", 1000, null),
          new Dataset("runs/r/seed/test.jsonl", 100, null),
          D1,
          null,
          "runs/r/world/tools.jsonl",
          "runs/r/world/truth.jsonl",
          3,
          400);
  private static final TrainResult TRAINED = new TrainResult("runs/r/iter-01/checkpoint", 10, 1, 1);
  private static final EvalResult EVAL = new EvalResult("e", 100, 0.6, Map.of());
  private static final MergeResult MERGED =
      new MergeResult(D2, new Composition(108, 200, -108, 200), 600, 12);

  @Test
  void probeTotalsAddUpTheShardsAndMeanPplIsPerProbedSample() {
    ProbeTotals t =
        ProbeTotals.sum(
            List.of(
                new ProbeShardResult(0, 100, 70, 30, 150.0, 2),
                new ProbeShardResult(1, 50, 20, 30, 75.0, 1)));
    assertEquals(new ProbeTotals(90, 60, 3, 225.0), t);
    assertEquals(1.5, t.meanPpl(), 0);
    assertEquals(0, ProbeTotals.sum(List.of()).meanPpl(), 0);
  }

  @Test
  void judgeTotalsMergeVerdictCountsSortedByName() {
    JudgeTotals t =
        JudgeTotals.sum(
            List.of(
                new JudgeShardResult(0, 30, 1, Map.of("PRED_WRONG", 20L, "LABEL_WRONG", 6L), 26),
                new JudgeShardResult(1, 30, 1, Map.of("PRED_WRONG", 5L, "BOTH_WRONG", 2L), 7)));
    assertEquals(
        List.of("BOTH_WRONG", "LABEL_WRONG", "PRED_WRONG"), List.copyOf(t.verdicts().keySet()));
    assertEquals(25L, t.verdicts().get("PRED_WRONG"));
    assertEquals(33, t.consensus());
  }

  @Test
  void expandTotalsAddUpEveryCount() {
    ExpandTotals t =
        ExpandTotals.sum(
            List.of(
                new ExpandShardResult(0, 26, 104, 100, 4, 0),
                new ExpandShardResult(1, 1, 2, 3, 4, 5)));
    assertEquals(new ExpandTotals(27, 106, 103, 8, 5), t);
  }

  @Test
  void withoutAMergeTheNextDatasetIsTheSameAndQuarantineIsTheCorrections() {
    IterationSummary s =
        new IterationSummary(
            1,
            D1,
            TRAINED,
            ProbeTotals.NONE,
            new Verification(JudgeTotals.NONE, new CorrectResult(0, 0, 5, 0, 0)),
            ExpandTotals.NONE,
            null,
            EVAL);
    assertSame(D1, s.next());
    assertEquals(Composition.NONE, s.composition());
    assertEquals(5, s.quarantined());
    assertEquals(0, s.meanPpl(), 0);
  }

  @Test
  void withAMergeTheNextDatasetAndQuarantineAreTheMerges() {
    IterationSummary s = summary(MERGED);
    assertSame(D2, s.next());
    assertEquals(200, s.composition().seedNew());
    assertEquals(12, s.quarantined());
  }

  @Test
  void theBudgetIsDOneUnlessTheSpecSetsIt() {
    assertEquals(
        new MergeSchedule("runs/r/seed/pool.jsonl", 400, 400, 400),
        MergeSchedule.start(SEED, new MergeSpec(0, 0.5)));
    assertEquals(250, MergeSchedule.start(SEED, new MergeSpec(250, 0.5)).budget());
  }

  @Test
  void theIterationBoundaryMovesToDNextAndPiJAndAdvancesTheSeedPool() {
    RunSpec spec = new RunSpec("t", 3, null, null, null, null, null, null, null).withDefaults();
    LoopState first = LoopState.initial(spec);
    assertEquals(1, first.iteration());
    assertNull(first.train());
    LoopState seeded = first.seeded(SEED, "runs/r/sft/checkpoint");
    assertSame(D1, seeded.train());
    assertEquals("runs/r/sft/checkpoint", seeded.checkpoint());
    assertEquals(400, seeded.schedule().budget());

    RunSpec patched = new RunSpec("patched", 3, null, null, null, null, null, null, null);
    OperatorRequests asked = new OperatorRequests(true, false);
    LoopState second = seeded.next(patched, summary(MERGED), asked);
    assertEquals(2, second.iteration());
    assertSame(patched, second.spec());
    assertSame(D2, second.train());
    assertEquals(TRAINED.checkpoint(), second.checkpoint());
    assertEquals(new MergeSchedule("runs/r/seed/pool.jsonl", 600, 200, 400), second.schedule());
    assertEquals(1, second.history().size());
    assertSame(asked, second.requests());
    assertSame(SEED, second.seed());

    // The static baseline has no merge: same data, same seed-pool position, weights move on.
    LoopState staticNext = seeded.next(spec, summary(null), OperatorRequests.NONE);
    assertSame(D1, staticNext.train());
    assertEquals(seeded.schedule(), staticNext.schedule());
    assertEquals(TRAINED.checkpoint(), staticNext.checkpoint());
  }

  private static IterationSummary summary(MergeResult merge) {
    return new IterationSummary(
        1,
        D1,
        TRAINED,
        new ProbeTotals(140, 60, 4, 300.0),
        new Verification(JudgeTotals.NONE, new CorrectResult(108, 24, 8, 4, 104)),
        ExpandTotals.NONE,
        merge,
        EVAL);
  }
}

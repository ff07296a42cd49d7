package dev.looptool.core.correct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.correct.Correction.Mismatch;
import dev.looptool.core.expand.Failure;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.LabelChange;
import dev.looptool.core.model.Origin;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrectionTest {
  private static final ToolCall LONDON =
      Fixtures.call("get_weather", "{\"city\":\"London\",\"unit\":\"celsius\"}");
  private static final String PREDICTION = HermesFormat.callBlock(LONDON);

  private static Mismatch judged(String id, Verdict v, boolean consensus) {
    return new Mismatch(
        Fixtures.weatherSample(id),
        PREDICTION,
        new Judgement(id, v, consensus, "analysis of " + id, List.of()));
  }

  private static List<String> ids(List<Sample> samples) {
    return samples.stream().map(Sample::id).toList();
  }

  @Test
  void eachVerdictDoesWhatTheTableSays() {
    List<Mismatch> in =
        List.of(
            judged("lw", Verdict.LABEL_WRONG, true),
            judged("pw", Verdict.PRED_WRONG, true),
            judged("bw", Verdict.BOTH_WRONG, true),
            judged("bc", Verdict.BOTH_CORRECT, true),
            judged("un", Verdict.UNCERTAIN, true),
            judged("up", Verdict.UNPARSEABLE, true),
            judged("lw-no-consensus", Verdict.LABEL_WRONG, false),
            judged("bw-no-consensus", Verdict.BOTH_WRONG, false));
    Correction.Result r = Correction.apply(in, 3);

    assertEquals(
        List.of("lw", "pw", "un", "up", "lw-no-consensus", "bw-no-consensus"), ids(r.errorSet()));
    assertEquals(1, r.corrected());
    assertEquals(1, r.bothCorrect());
    assertEquals(2, r.failures(), "only consensus LABEL_WRONG and PRED_WRONG are failures");
    assertEquals(1, r.quarantined().size());
    assertEquals("bw", r.quarantined().get(0).sample().id());
    assertEquals("BOTH_WRONG: analysis of bw", r.quarantined().get(0).reason());

    Sample original = Fixtures.weatherSample("x");
    for (Sample s : r.errorSet()) {
      if (!s.id().equals("lw")) {
        assertEquals(original.label(), s.label(), s.id() + " keeps its label");
        assertEquals(Provenance.seed(), s.provenance(), s.id());
      }
    }
  }

  @Test
  void aWrongLabelIsReplacedByThePredictionWithItsHistory() {
    Sample fixed =
        Correction.apply(List.of(judged("lw", Verdict.LABEL_WRONG, true)), 3).errorSet().get(0);
    assertEquals(Label.ofCalls(List.of(LONDON)), fixed.label());
    assertEquals(Origin.CORRECTED, fixed.provenance().origin());
    assertEquals(3, fixed.provenance().iteration());
    assertEquals(
        List.of(
            new LabelChange(
                3, Fixtures.weatherSample("lw").label(), "LABEL_WRONG", "analysis of lw")),
        fixed.provenance().labelHistory());
  }

  @Test
  void withoutJglvEveryMismatchKeepsItsLabelAndIsAFailure() {
    List<Mismatch> in =
        List.of(
            new Mismatch(Fixtures.weatherSample("a"), PREDICTION, null),
            new Mismatch(Fixtures.weatherSample("b"), "no idea", null));
    Correction.Result r = Correction.apply(in, 1);
    assertEquals(List.of("a", "b"), ids(r.errorSet()));
    assertEquals(Fixtures.weatherSample("a"), r.errorSet().get(0));
    assertEquals(List.of(0L, 0L, 2L), List.of(r.corrected(), r.bothCorrect(), r.failures()));
    assertTrue(r.quarantined().isEmpty());
  }

  @Test
  void failuresToExpandAreTheVerifiedOnes() {
    for (Verdict v : Verdict.values()) {
      boolean expected = v == Verdict.PRED_WRONG || v == Verdict.LABEL_WRONG;
      assertEquals(expected, Correction.failure(judged("s", v, true), 2).isPresent(), v.name());
      assertTrue(Correction.failure(judged("s", v, false), 2).isEmpty(), v + " without consensus");
    }
  }

  @Test
  void aPredWrongFailureShowsTheLabelAsCorrectAndThePredictionAsWrong() {
    Failure f = Correction.failure(judged("pw", Verdict.PRED_WRONG, true), 2).orElseThrow();
    Sample s = Fixtures.weatherSample("pw");
    assertEquals(
        new Failure(
            s, s.label(), Label.ofCalls(List.of(LONDON)), Verdict.PRED_WRONG, "analysis of pw", 2),
        f);
  }

  @Test
  void aLabelWrongFailureLearnsFromThePrediction() {
    Failure f = Correction.failure(judged("lw", Verdict.LABEL_WRONG, true), 2).orElseThrow();
    Sample s = Fixtures.weatherSample("lw");
    Label predicted = Label.ofCalls(List.of(LONDON));
    assertEquals(predicted, f.correct());
    assertEquals(s.label(), f.wrong());
    assertEquals(predicted, f.sample().label());
    assertEquals(s.provenance(), f.sample().provenance(), "the source keeps its provenance");
    assertEquals(Verdict.LABEL_WRONG, f.verdict());
  }

  @Test
  void withoutJglvAFailureReadsAsPredWrongWithoutAnalysis() {
    Sample s = Fixtures.weatherSample("a");
    Failure f = Correction.failure(new Mismatch(s, PREDICTION, null), 4).orElseThrow();
    assertEquals(
        new Failure(s, s.label(), Label.ofCalls(List.of(LONDON)), Verdict.PRED_WRONG, "", 4), f);
  }
}

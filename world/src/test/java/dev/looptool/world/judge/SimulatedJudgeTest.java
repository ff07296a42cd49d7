package dev.looptool.world.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.judge.JudgeRequest;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.ResponseValidator;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.world.Reject;
import dev.looptool.world.Split;
import dev.looptool.world.Truth;
import dev.looptool.world.WorldConfig;
import dev.looptool.world.WorldGenerator;
import dev.looptool.world.WorldSample;
import dev.looptool.world.WorldSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedJudgeTest {
  static final List<WorldSample> samples = new ArrayList<>();
  static final Truth truth = new Truth();

  @BeforeAll
  static void world() throws Exception {
    new WorldGenerator(WorldConfig.defaults(21).withCounts(800, 0).withNoise(0.3, null))
        .generate(
            new WorldSink() {
              @Override
              public void sample(WorldSample s) {
                samples.add(s);
                truth.add(s.truth());
              }

              @Override
              public void reject(Reject r) {}
            });
  }

  static ParsedOutput parsed(Label l) {
    return HermesFormat.parse(HermesFormat.assistantText(l.text(), l.calls()));
  }

  static JudgeRequest request(Sample s, Label prediction, int iteration) {
    return new JudgeRequest(
        s,
        HermesFormat.assistantText(prediction.text(), prediction.calls()),
        parsed(prediction),
        iteration);
  }

  /**
   * A wrong answer: the truth's first call with one argument changed, or a call where text is due.
   */
  static Label wrong(WorldSample w) {
    Label t = w.truth().label();
    if (t.isText()) {
      return Label.ofCalls(
          List.of(
              new ToolCall(
                  w.sample().tools().get(0).name(), dev.looptool.core.json.Json.object())));
    }
    ToolCall c = t.calls().get(0);
    return Label.ofCalls(
        List.of(new ToolCall(c.name(), c.arguments().deepCopy().put("zz_unknown", 1))));
  }

  @Test
  void withoutErrorsTheVerdictFollowsTheTruth() {
    SimulatedJudge judge = new SimulatedJudge(truth, 1, 0.0);
    int[] seen = new int[4];
    for (WorldSample w : samples) {
      boolean noisy = w.truth().noise() != null;
      Label good = w.truth().label();
      Label bad = wrong(w);
      // label as given (noisy or clean) against a right and a wrong prediction
      Judgement right = judge.judge(request(w.sample(), good, 1));
      Judgement wrongPred = judge.judge(request(w.sample(), bad, 1));
      assertEquals(
          noisy ? Verdict.LABEL_WRONG : Verdict.BOTH_CORRECT, right.verdict(), w.sample().id());
      assertEquals(
          noisy ? Verdict.BOTH_WRONG : Verdict.PRED_WRONG, wrongPred.verdict(), w.sample().id());
      seen[right.verdict().ordinal()]++;
      seen[wrongPred.verdict().ordinal()]++;
      assertTrue(right.consensus());
      assertEquals(1, right.votes().size());
      assertEquals("simulated", right.votes().get(0).voter());
      assertEquals("single", right.votes().get(0).order());
      assertEquals(64, right.votes().get(0).promptSha256().length());
      assertEquals(0.0, right.votes().get(0).sampling().path("error_rate").asDouble());
      assertTrue(
          wrongPred.votes().get(0).rawAnswer().startsWith(wrongPred.verdict().name() + "\n"));
      assertFalse(wrongPred.analysis().contains("\n"));
    }
    for (int n : seen) {
      assertTrue(n > 0, "every verdict occurs");
    }
  }

  @Test
  void anOmittedDefaultIsNotAnError() {
    SimulatedJudge judge = new SimulatedJudge(truth, 1, 0.0);
    int checked = 0;
    for (WorldSample w : samples) {
      if (w.truth().noise() != null || w.truth().label().isText()) {
        continue;
      }
      ToolCall c = w.truth().label().calls().get(0);
      var spec = w.sample().tool(c.name());
      for (var e : spec.parameters().properties().entrySet()) {
        if (e.getValue().defaultValue() != null && !c.arguments().has(e.getKey())) {
          List<ToolCall> calls = new ArrayList<>(w.truth().label().calls());
          calls.set(
              0,
              new ToolCall(
                  c.name(), c.arguments().deepCopy().set(e.getKey(), e.getValue().defaultValue())));
          assertEquals(
              Verdict.BOTH_CORRECT,
              judge.judge(request(w.sample(), Label.ofCalls(calls), 3)).verdict());
          checked++;
          break;
        }
      }
    }
    assertTrue(checked > 5);
  }

  @Test
  void errorsComeAtTheConfiguredRateAndAreStablePerSampleAndIteration() {
    double rate = 0.2;
    SimulatedJudge judge = new SimulatedJudge(truth, 7, rate);
    SimulatedJudge exact = new SimulatedJudge(truth, 7, 0.0);
    int n = 0;
    int errors = 0;
    for (int iteration = 1; iteration <= 6; iteration++) {
      for (WorldSample w : samples) {
        Judgement j = judge.judge(request(w.sample(), wrong(w), iteration));
        Verdict right = exact.judge(request(w.sample(), wrong(w), iteration)).verdict();
        errors += j.verdict() == right ? 0 : 1;
        n++;
        if (iteration == 1) {
          assertEquals(
              j.verdict(),
              judge.judge(request(w.sample(), wrong(w), iteration)).verdict(),
              "deterministic");
        }
      }
    }
    double observed = errors / (double) n;
    // n = 4800: the standard deviation of the rate is about 0.0058; 4 sigma.
    assertTrue(Math.abs(observed - rate) < 0.024, "observed judge error rate " + observed);
  }

  @Test
  void aSampleTheWorldDidNotMakeIsACallerError() {
    Sample foreign = samples.get(0).sample().withId("elsewhere-1");
    assertThrows(
        IllegalArgumentException.class,
        () -> new SimulatedJudge(truth, 1, 0).judge(request(foreign, Label.ofText("x"), 1)));
  }

  @Test
  void theValidatorSaysCorrectForTrueLabelsAtItsErrorRate() {
    SimulatedValidator exact = new SimulatedValidator(truth, 3, 0.0);
    for (WorldSample w : samples) {
      ResponseValidator.Result r = exact.validate(w.sample(), 1);
      assertEquals(w.truth().noise() == null, r.correct(), w.sample().id());
      assertTrue(r.vote().rawAnswer().startsWith(r.correct() ? "CORRECT" : "INCORRECT"));
    }
    SimulatedValidator noisy = new SimulatedValidator(truth, 3, 0.1);
    int flips = 0;
    int n = 0;
    for (int it = 0; it < 5; it++) {
      for (WorldSample w : samples) {
        flips += noisy.validate(w.sample(), it).correct() == (w.truth().noise() == null) ? 0 : 1;
        n++;
      }
    }
    double observed = flips / (double) n;
    // n = 4000: standard deviation about 0.0047; 4 sigma.
    assertTrue(Math.abs(observed - 0.1) < 0.019, "observed validator error rate " + observed);
    assertEquals(Split.POOL, samples.get(0).truth().split());
  }
}

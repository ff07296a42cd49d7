package dev.looptool.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.judge.Consensus;
import dev.looptool.core.judge.JudgeRequest;
import dev.looptool.core.judge.RuleTier;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Sample;
import org.junit.jupiter.api.Test;

class JudgePromptTest {

  static JudgeRequest request(Sample s, String prediction) {
    return new JudgeRequest(s, prediction, HermesFormat.parse(prediction), 1);
  }

  @Test
  void ordersSwapTheResponses() {
    Sample s = LlmFixtures.sample("s1", "Paris", null);
    String pred = HermesFormat.callBlock(LlmFixtures.weather("Lyon", null));
    Prompt lf =
        JudgePrompt.build(request(s, pred), RuleTier.Outcome.UNDECIDED, Consensus.LABEL_FIRST);
    Prompt pf =
        JudgePrompt.build(request(s, pred), RuleTier.Outcome.UNDECIDED, Consensus.PREDICTION_FIRST);
    String aOfLf = between(lf.user(), JudgePrompt.A_OPEN, JudgePrompt.A_CLOSE);
    String bOfPf = between(pf.user(), JudgePrompt.B_OPEN, JudgePrompt.B_CLOSE);
    assertTrue(aOfLf.contains("Paris"));
    assertEquals(aOfLf, bOfPf);
    assertTrue(between(pf.user(), JudgePrompt.A_OPEN, JudgePrompt.A_CLOSE).contains("Lyon"));
    assertTrue(lf.user().contains("What's the weather in Paris?"));
    assertTrue(lf.user().contains("\"get_weather\""));
    assertNotEquals(lf.sha256(), pf.sha256());
    assertFalse(lf.user().contains("Rule check"));
  }

  @Test
  void ruleCheckNamesTheLabelsPosition() {
    Sample s = LlmFixtures.sample("s1", "Paris", "kelvin");
    String pred = HermesFormat.callBlock(LlmFixtures.weather("Paris", "celsius"));
    JudgeRequest r = request(s, pred);
    assertEquals(RuleTier.Outcome.LABEL_WRONG_CANDIDATE, RuleTier.apply(s, r.prediction()));
    Prompt pf =
        JudgePrompt.build(r, RuleTier.Outcome.LABEL_WRONG_CANDIDATE, Consensus.PREDICTION_FIRST);
    assertTrue(
        pf.user().contains("Response B violates the tool schema: get_weather/arguments/unit"),
        pf.user());
  }

  @Test
  void wordsMapToVerdictsByOrder() {
    assertEquals(
        Verdict.LABEL_WRONG,
        JudgePrompt.parse("A_WRONG\nthe label uses the wrong city", Consensus.LABEL_FIRST)
            .verdict());
    assertEquals(
        Verdict.PRED_WRONG, JudgePrompt.parse("A_WRONG", Consensus.PREDICTION_FIRST).verdict());
    assertEquals(Verdict.PRED_WRONG, JudgePrompt.parse("B_WRONG", Consensus.LABEL_FIRST).verdict());
    assertEquals(
        Verdict.LABEL_WRONG, JudgePrompt.parse("B_WRONG", Consensus.PREDICTION_FIRST).verdict());
    assertEquals(
        Verdict.BOTH_CORRECT,
        JudgePrompt.parse("both_correct", Consensus.PREDICTION_FIRST).verdict());
    assertEquals(
        Verdict.BOTH_WRONG,
        JudgePrompt.parse("**BOTH_WRONG**: neither", Consensus.LABEL_FIRST).verdict());
  }

  @Test
  void parsingIsStrictAboutTheLeadingWordAndKeepsTheAnalysis() {
    JudgePrompt.Answer a =
        JudgePrompt.parse(
            "<think>A or B?</think>\n\nVerdict: B_WRONG\nThe prediction drops the unit.",
            Consensus.LABEL_FIRST);
    assertEquals(Verdict.PRED_WRONG, a.verdict());
    assertEquals("The prediction drops the unit.", a.analysis());
    assertEquals(
        Verdict.UNPARSEABLE, JudgePrompt.parse("I think B_WRONG", Consensus.LABEL_FIRST).verdict());
    assertEquals(
        Verdict.UNPARSEABLE, JudgePrompt.parse("A_WRONGISH", Consensus.LABEL_FIRST).verdict());
    assertEquals(Verdict.UNPARSEABLE, JudgePrompt.parse("", Consensus.LABEL_FIRST).verdict());
    assertEquals(Verdict.UNPARSEABLE, JudgePrompt.parse(null, Consensus.LABEL_FIRST).verdict());
    assertEquals(
        "I think B_WRONG", JudgePrompt.parse("I think B_WRONG", Consensus.LABEL_FIRST).analysis());
  }

  @Test
  void validatorAnswers() {
    assertTrue(ValidatorPrompt.parse("CORRECT - fine").correct());
    assertFalse(ValidatorPrompt.parse("INCORRECT: wrong city").correct());
    assertEquals("wrong city", ValidatorPrompt.parse("INCORRECT: wrong city").reason());
    ValidatorPrompt.Answer odd = ValidatorPrompt.parse("Looks correct to me");
    assertFalse(odd.parsed());
    assertFalse(odd.correct());
    Sample s = LlmFixtures.sample("s1", "Paris", null);
    assertTrue(
        ValidatorPrompt.build(s).user().contains(ValidatorPrompt.RESPONSE_OPEN + "\n<tool_call>"));
    assertTrue(
        ValidatorPrompt.build(s.withLabel(Label.ofText("Which city?"), s.provenance()))
            .user()
            .contains("Which city?"));
  }

  static String between(String s, String open, String close) {
    int o = s.indexOf(open);
    int c = s.indexOf(close, o);
    return s.substring(o + open.length(), c);
  }
}

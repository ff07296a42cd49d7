package dev.looptool.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.activities.llm.fake.FakeModel;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.expand.Failure;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.ResponseValidator;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.GeneratedSamples;
import dev.looptool.core.llm.LlmFixtures;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Origin;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ProbeResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator, generator and prober against the fake server. */
class RolesTest {

  static OpenAiClient client(FakeOpenAiServer server) {
    return new OpenAiClient(
        EndpointConfig.of(server.baseUrl(), "m"), "test", new SimpleMeterRegistry());
  }

  @Test
  void validatorRulesFirstThenTheModel() throws Exception {
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        OpenAiClient c = client(server)) {
      LlmResponseValidator v = new LlmResponseValidator("val", c, SamplingParams.greedy(64));
      ResponseValidator.Result broken = v.validate(LlmFixtures.sample("s", "Paris", "kelvin"), 1);
      assertFalse(broken.correct());
      assertTrue(broken.reason().startsWith("rule check:"), broken.reason());
      assertNull(broken.vote());
      assertEquals(0, server.requests());

      server.onChat(body -> "INCORRECT\nThe user asked for Paris.");
      ResponseValidator.Result no = v.validate(LlmFixtures.sample("s", "Paris", null), 1);
      assertFalse(no.correct());
      assertEquals("The user asked for Paris.", no.reason());
      assertEquals(Verdict.LABEL_WRONG, no.vote().verdict());

      server.onChat(body -> "CORRECT");
      assertTrue(v.validate(LlmFixtures.sample("s", "Paris", null), 1).correct());
      server.onChat(body -> "It seems fine");
      ResponseValidator.Result odd = v.validate(LlmFixtures.sample("s", "Paris", null), 1);
      assertFalse(odd.correct());
      assertEquals(Verdict.UNPARSEABLE, odd.vote().verdict());
    }
  }

  @Test
  void generatorWritesParsedSamplesAndReportsRejects() throws Exception {
    Sample src = LlmFixtures.sample("src", "Paris", "celsius");
    Failure f =
        new Failure(
            src,
            src.label(),
            Label.ofCalls(List.of(LlmFixtures.weather("Paris", null))),
            Verdict.PRED_WRONG,
            "unit dropped",
            1);
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        OpenAiClient c = client(server)) {
      List<GeneratedSamples.Reject> rejects = new ArrayList<>();
      LlmGenerator g =
          new LlmGenerator(
              c,
              new SamplingParams(1.0, null, 1024, 5L, null),
              2,
              (fail, attempt, r) -> rejects.add(r));
      List<Sample> out = g.generate(f, ScenarioVariation.USER_PERSONA, 3);
      assertEquals(2, out.size(), rejects.toString());
      assertEquals(Origin.EXPANDED, out.get(0).provenance().origin());
      assertTrue(out.get(0).messages().get(1).content().endsWith("(variant 3.0)"));
      assertEquals(8, Json.parse(server.lastBody()).path("seed").asInt(), "seed + attempt");

      server.onChat(body -> "I'd rather not.");
      assertEquals(List.of(), g.generate(f, ScenarioVariation.COMPLEXITY, 4));
      assertEquals(1, rejects.size());
    }
  }

  @Test
  void proberScoresGreedyOutputWithPerplexity() throws Exception {
    Sample s = LlmFixtures.sample("p1", "Paris", null);
    String right = HermesFormat.assistantText(null, s.label().calls());
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        OpenAiClient c = client(server)) {
      server.onCompletion(
          prompt -> FakeModel.FakeCompletion.of(prompt.contains("Oslo") ? "Sorry." : right));
      OpenAiProber prober = new OpenAiProber(c, 128);
      Sample other = LlmFixtures.sample("p2", "Oslo", null);
      List<ProbeResult> rs = prober.probe(List.of(s, other));
      ProbeResult r = rs.get(0);
      assertEquals("p1", r.id());
      assertTrue(r.mastered());
      assertEquals(s.label().calls(), r.calls());
      FakeModel.FakeCompletion fc = FakeModel.FakeCompletion.of(right);
      double sum = fc.logprobs().stream().mapToDouble(Double::doubleValue).sum();
      assertEquals(fc.tokens().size(), r.tokens());
      assertEquals(sum, r.sumLogProb(), 1e-9);
      assertEquals(-0.3, r.minLogProb(), 1e-12);
      assertEquals(Math.exp(-sum / fc.tokens().size()), r.ppl(), 1e-9);
      assertFalse(rs.get(1).mastered());
      var sent = Json.parse(server.lastBody());
      assertEquals(0.0, sent.path("temperature").asDouble());
      assertTrue(sent.path("prompt").asText().endsWith("<|im_start|>assistant\n"));
      assertEquals(HermesFormat.IM_END, sent.path("stop").path(0).asText());

      server.onCompletion(prompt -> new FakeModel.FakeCompletion("text", List.of(), List.of()));
      // A server that ignores logprobs cannot give a PPL: that is an error, not a PPL of 1.
      Exception e = assertThrows(Exception.class, () -> prober.probe(List.of(s)));
      assertTrue(String.valueOf(e.getMessage()).contains("logprobs"), e.toString());
    }
  }
}

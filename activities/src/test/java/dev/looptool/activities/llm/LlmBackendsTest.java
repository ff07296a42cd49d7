package dev.looptool.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.JudgeConfig;
import dev.looptool.core.llm.SamplingParams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmBackendsTest {

  @Test
  void votersOnOneEndpointShareItsClientAndLimit() throws Exception {
    try (FakeOpenAiServer a = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        FakeOpenAiServer b = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        LlmBackends backends = new LlmBackends(new SimpleMeterRegistry())) {
      EndpointConfig ea = EndpointConfig.of(a.baseUrl(), "model-a");
      EndpointConfig eb = EndpointConfig.of(b.baseUrl(), "model-b");
      assertSame(
          backends.client(ea, "judge"),
          backends.client(ea.withSampling(new SamplingParams(0.9, null, null, 3L, null)), "judge"));
      assertNotSame(backends.client(ea, "judge"), backends.client(ea, "generator"));
      JudgeConfig cfg =
          new JudgeConfig(
              List.of(
                  new JudgeConfig.Voter(
                      "a1", ea.withSampling(new SamplingParams(0.7, null, null, 1L, null))),
                  new JudgeConfig.Voter(
                      "a2", ea.withSampling(new SamplingParams(0.7, null, null, 2L, null))),
                  new JudgeConfig.Voter(null, eb)),
              2,
              true);
      Judgement j = backends.judge(cfg).judge(JudgeFixtures.requests(2, 0).get(1));
      assertEquals(6, j.votes().size());
      assertEquals(4, a.requests());
      assertEquals(2, b.requests());
      assertEquals("model-b", j.votes().get(4).voter());
      assertEquals(2, j.votes().get(2).sampling().get("seed").asInt());
    }
  }
}

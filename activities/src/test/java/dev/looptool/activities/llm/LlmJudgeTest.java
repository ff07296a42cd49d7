package dev.looptool.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.judge.Consensus;
import dev.looptool.core.judge.JudgeRequest;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.RuleTier;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.judge.Vote;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.JudgePrompt;
import dev.looptool.core.llm.SamplingParams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LlmJudgeTest {

  static LlmJudge judge(OpenAiClient client, int voters, int quorum, boolean bothOrders) {
    List<LlmJudge.Voter> vs = new ArrayList<>();
    for (int i = 0; i < voters; i++) {
      vs.add(
          new LlmJudge.Voter("m#" + i, client, new SamplingParams(0.7, null, 512, 100L + i, null)));
    }
    return new LlmJudge(vs, quorum, bothOrders);
  }

  /** Judges every request; returns sample id → verdict, failing on a lost or duplicated id. */
  static Map<String, Verdict> run(LlmJudge judge, List<JudgeRequest> requests) throws Exception {
    List<CompletableFuture<Judgement>> fs = new ArrayList<>();
    for (JudgeRequest r : requests) {
      fs.add(judge.judgeAsync(r));
    }
    Map<String, Verdict> out = new TreeMap<>();
    for (CompletableFuture<Judgement> f : fs) {
      Judgement j = f.get();
      assertEquals(null, out.put(j.sampleId(), j.verdict()), "duplicate " + j.sampleId());
    }
    assertEquals(requests.size(), out.size());
    return out;
  }

  static Map<Verdict, Integer> counts(Map<String, Verdict> verdicts) {
    Map<Verdict, Integer> c = new EnumMap<>(Verdict.class);
    verdicts.values().forEach(v -> c.merge(v, 1, Integer::sum));
    return c;
  }

  @Test
  void faultsChangeNoVerdict() throws Exception {
    List<JudgeRequest> requests = JudgeFixtures.requests(120, 10);
    long undecided =
        requests.stream()
            .filter(r -> RuleTier.apply(r.sample(), r.prediction()) != RuleTier.Outcome.IDENTICAL)
            .count();
    Map<String, Verdict> clean;
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        OpenAiClient client =
            new OpenAiClient(
                EndpointConfig.of(server.baseUrl(), "m").withConcurrency(8),
                "judge",
                new SimpleMeterRegistry())) {
      clean = run(judge(client, 1, 1, true), requests);
      assertEquals(
          2 * undecided,
          server.requests(),
          "identical calls never reach the judge; the rest are asked twice");
    }
    var faults = new FakeOpenAiServer.Faults(0.06, 0.06, 0, 0.03, 2_000, 0.06, 7);
    Map<String, Verdict> faulty;
    try (FakeOpenAiServer server =
            FakeOpenAiServer.start(new FakeOpenAiServer.Options(1, 8, faults));
        OpenAiClient client =
            new OpenAiClient(
                EndpointConfig.of(server.baseUrl(), "m")
                    .withConcurrency(8)
                    .withTimeouts(2_000, 1_000)
                    .withRetries(12, 1, 20),
                "judge",
                new SimpleMeterRegistry())) {
      faulty = run(judge(client, 1, 1, true), requests);
      assertTrue(
          server.faults().keySet().containsAll(List.of("500", "429", "stall", "malformed")),
          server.faults().toString());
    }
    assertEquals(clean, faulty);
    Map<Verdict, Integer> c = counts(clean);
    // The fake judge's answers exercise every path: decisive verdicts, position bias, unparseable.
    for (Verdict v :
        List.of(Verdict.PRED_WRONG, Verdict.LABEL_WRONG, Verdict.BOTH_CORRECT, Verdict.UNCERTAIN)) {
      assertTrue(c.getOrDefault(v, 0) > 0, v + " never occurred: " + c);
    }
  }

  @Test
  void votesAreRecordedWhole() throws Exception {
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        OpenAiClient client =
            new OpenAiClient(
                EndpointConfig.of(server.baseUrl(), "qwen3-32b"),
                "judge",
                new SimpleMeterRegistry())) {
      server.onChat(body -> "B_WRONG\nThe prediction names another city.");
      JudgeRequest r = JudgeFixtures.requests(2, 0).get(1);
      Judgement j = judge(client, 3, 2, true).judge(r);
      assertEquals(6, j.votes().size());
      // A fixed "B_WRONG" blames the prediction label-first and the label prediction-first: no
      // voter is consistent.
      assertEquals(Verdict.UNCERTAIN, j.verdict());
      assertFalse(j.consensus());
      Vote v = j.votes().get(0);
      assertEquals("m#0", v.voter());
      assertEquals(Consensus.LABEL_FIRST, v.order());
      assertEquals(Verdict.PRED_WRONG, v.verdict());
      assertEquals("The prediction names another city.", v.analysis());
      assertEquals("B_WRONG\nThe prediction names another city.", v.rawAnswer());
      assertEquals("qwen3-32b", v.sampling().path("model").asText());
      assertEquals(100, v.sampling().path("seed").asInt());
      assertEquals(
          JudgePrompt.build(r, RuleTier.apply(r.sample(), r.prediction()), Consensus.LABEL_FIRST)
              .sha256(),
          v.promptSha256());
      assertNotEquals(v.promptSha256(), j.votes().get(1).promptSha256());
    }
  }

  @Test
  void quorumAcrossVotersAndUnparseableAnswers() throws Exception {
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        OpenAiClient client =
            new OpenAiClient(
                EndpointConfig.of(server.baseUrl(), "m"), "judge", new SimpleMeterRegistry())) {
      // Voter seeds 100 and 101 blame the prediction; seed 102 rambles.
      server.onChat(
          body -> {
            String user = body.path("messages").path(1).path("content").asText();
            String a =
                user.substring(user.indexOf(JudgePrompt.A_OPEN), user.indexOf(JudgePrompt.A_CLOSE));
            boolean labelFirst =
                a.contains(
                    "Paris"); // sample s0's label asks about Paris, its prediction about Oslo
            long seed = body.path("seed").asLong();
            if (seed == 102) {
              return "Let me think about it.";
            }
            return labelFirst ? "B_WRONG\nwrong city" : "A_WRONG\nwrong city";
          });
      JudgeRequest r = JudgeFixtures.requests(2, 0).get(0);
      Judgement j = judge(client, 3, 2, false).judge(r);
      assertEquals(3, j.votes().size());
      assertEquals(Verdict.PRED_WRONG, j.verdict());
      assertTrue(j.consensus());
      assertEquals(Verdict.UNPARSEABLE, j.votes().get(2).verdict());
      assertEquals(
          Verdict.UNCERTAIN,
          judge(client, 3, 3, false).judge(r).verdict(),
          "two of three is no quorum of three");
    }
  }

  @Test
  void identicalCallsCostNoCall() throws Exception {
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        OpenAiClient client =
            new OpenAiClient(
                EndpointConfig.of(server.baseUrl(), "m"), "judge", new SimpleMeterRegistry())) {
      JudgeRequest r = JudgeFixtures.requests(1, 1).get(0);
      Judgement j = judge(client, 3, 2, true).judge(r);
      assertEquals(Verdict.BOTH_CORRECT, j.verdict());
      assertTrue(j.consensus());
      assertEquals(0, j.votes().size());
      assertEquals(0, server.requests());
    }
  }
}

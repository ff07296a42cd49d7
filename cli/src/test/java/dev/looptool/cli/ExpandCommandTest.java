package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.llm.fake.FakeModel;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.correct.Correction;
import dev.looptool.core.expand.Failure;
import dev.looptool.core.expand.ScenarioDraws;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.llm.GeneratorPrompt;
import dev.looptool.core.llm.LlmFixtures;
import dev.looptool.core.model.Origin;
import dev.looptool.core.model.Sample;
import dev.looptool.core.seed.IterationSeeds;
import dev.looptool.workflows.spec.GeneratorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpandCommandTest {
  @TempDir Path dir;

  static String line(Sample s, String prediction, String verdict, Boolean consensus) {
    ObjectNode o = Json.object();
    o.set("sample", SampleJson.toTree(s));
    o.put("prediction", prediction);
    if (verdict != null) {
      o.put("verdict", verdict);
      o.put("analysis", "the city is wrong");
    }
    if (consensus != null) {
      o.put("consensus", consensus);
    }
    return Json.compact(o);
  }

  @Test
  void expandsValidatesAndAccountsForEverything() throws Exception {
    String oslo = HermesFormat.callBlock(LlmFixtures.weather("Oslo", null));
    List<String> lines = new ArrayList<>();
    lines.add(line(LlmFixtures.sample("a", "Paris", null), oslo, "PRED_WRONG", true));
    lines.add(line(LlmFixtures.sample("b", "Rome", "celsius"), oslo, "PRED_WRONG", null));
    lines.add(line(LlmFixtures.sample("c", "Lima", null), oslo, "LABEL_WRONG", true));
    lines.add(line(LlmFixtures.sample("d", "Kyiv", null), oslo, "BOTH_CORRECT", true));
    lines.add(line(LlmFixtures.sample("e", "Doha", null), oslo, "PRED_WRONG", false));
    lines.add("{\"sample\": 3}");
    Path in = dir.resolve("failures.jsonl");
    Files.write(in, lines);
    Path out = dir.resolve("new.jsonl");
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast())) {
      int code = expand(server, in, out, "--k", "4", "--iteration", "2");
      assertEquals(1, code, "the bad line makes the exit code 1");
      // 3 failures x 4 attempts to the generator, then one validator call per new sample.
      List<Sample> written = SampleReader.readAll(out);
      List<String> rejects = Files.readAllLines(Path.of(out + ".rejects.jsonl"));
      long validatorRejects =
          rejects.stream().filter(r -> r.contains("\"reason\":\"validator:")).count();
      assertEquals(12, written.size() + validatorRejects, rejects.toString());
      assertEquals(12 + 12, server.requests());
      assertEquals(3 + validatorRejects, rejects.size(), rejects.toString());
      assertTrue(
          rejects.stream()
              .anyMatch(
                  r ->
                      r.contains("only PRED_WRONG and LABEL_WRONG") && r.contains("BOTH_CORRECT")));
      assertTrue(rejects.stream().anyMatch(r -> r.contains("has no consensus")));
      assertTrue(rejects.stream().anyMatch(r -> r.contains("\"field\":\"sample\"")));
      Set<String> ids = new HashSet<>();
      for (Sample s : written) {
        assertTrue(ids.add(s.id()));
        assertEquals(Origin.EXPANDED, s.provenance().origin());
        assertEquals(2, s.provenance().iteration());
        if (s.provenance().parentId().equals("c")) {
          // LABEL_WRONG: the prediction became the correct answer the new samples are built on.
          assertEquals("Oslo", s.label().calls().get(0).arguments().get("city").asText());
        }
        if (s.provenance().parentId().equals("a")) {
          assertEquals("Paris", s.label().calls().get(0).arguments().get("city").asText());
        }
      }
    }
  }

  @Test
  void verdictsFromJudgeOutputAndDeDuplicationAgainstAPool() throws Exception {
    String oslo = HermesFormat.callBlock(LlmFixtures.weather("Oslo", null));
    Path in = dir.resolve("in.jsonl");
    Files.write(in, List.of(line(LlmFixtures.sample("a", "Paris", null), oslo, null, null)));
    Path judged = dir.resolve("judged.jsonl");
    Files.write(
        judged,
        List.of(
            "{\"id\":\"a\",\"verdict\":\"PRED_WRONG\",\"consensus\":true,\"analysis\":\"wrong city\",\"votes\":[]}"));
    Path out = dir.resolve("new.jsonl");
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast())) {
      assertEquals(0, expandUnvalidated(server, in, out, 2, "--judgements", judged.toString()));
      List<Sample> first = SampleReader.readAll(out);
      assertEquals(2, first.size());
      assertEquals(2, server.requests());
      // The same expansion again, with the first output as the pool: everything is a duplicate.
      Path out2 = dir.resolve("again.jsonl");
      assertEquals(
          0,
          expandUnvalidated(
              server, in, out2, 2, "--judgements", judged.toString(), "--pool", out.toString()));
      assertEquals(0, SampleReader.readAll(out2).size());
      List<String> rejects = Files.readAllLines(Path.of(out2 + ".rejects.jsonl"));
      assertEquals(2, rejects.size());
      JsonNode r = Json.parse(rejects.get(0));
      assertTrue(r.get("reason").asText().startsWith("duplicate"), r.toString());
    }
  }

  @Test
  void drawsTheVariationsAndBuildsTheFailureTheLoopsExpandStageWould() throws Exception {
    Sample lima = LlmFixtures.sample("c", "Lima", null);
    String oslo = HermesFormat.callBlock(LlmFixtures.weather("Oslo", null));
    Path in = dir.resolve("in.jsonl");
    Files.write(in, List.of(line(lima, oslo, "LABEL_WRONG", true)));
    Path out = dir.resolve("new.jsonl");
    Map<Integer, String> prompts = new ConcurrentHashMap<>();
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast())) {
      server.onChat(
          req -> {
            String user = req.get("messages").get(1).get("content").asText();
            Matcher m = Pattern.compile("\\(attempt (\\d+)\\)").matcher(user);
            assertTrue(m.find(), user);
            prompts.put(Integer.parseInt(m.group(1)), user);
            return FakeModel.chat(req);
          });
      assertEquals(0, expandUnvalidated(server, in, out, 6, "--seed", "3", "--iteration", "2"));
    }
    // The loop's expand stage: the spec's default weights and IterationSeeds.expansion(seed, j).
    List<ScenarioVariation> loop =
        ScenarioDraws.forFailure(
            new GeneratorSpec(null, null, null, null).withDefaults().scenarioWeights(),
            IterationSeeds.expansion(3, 2),
            "c",
            6);
    assertEquals(6, prompts.size());
    for (int a = 0; a < 6; a++) {
      assertTrue(
          prompts.get(a).contains(GeneratorPrompt.describe(loop.get(a))),
          "attempt " + a + " should vary " + loop.get(a));
    }
    // The source shown is the failure the loop builds for LABEL_WRONG: the prediction as label.
    Failure f =
        Correction.failure(
                new Correction.Mismatch(
                    lima,
                    oslo,
                    new Judgement("c", Verdict.LABEL_WRONG, true, "the city is wrong", List.of())),
                2)
            .orElseThrow();
    String source = SampleJson.toJson(f.sample().withLabel(f.correct(), f.sample().provenance()));
    assertTrue(prompts.get(0).contains(GeneratorPrompt.SOURCE_OPEN + "\n" + source + "\n"));
  }

  /** {@code looptool expand} against the fake server, with model "gen". */
  private static int expand(FakeOpenAiServer server, Path in, Path out, String... options) {
    return CliRunner.onEndpoint("expand", server, "gen", in, out, options);
  }

  /** {@code looptool expand --k k --validate false}, and {@code more}, as {@link #expand}. */
  private static int expandUnvalidated(
      FakeOpenAiServer server, Path in, Path out, int k, String... more) {
    List<String> options =
        new ArrayList<>(List.of("--k", Integer.toString(k), "--validate", "false"));
    options.addAll(List.of(more));
    return expand(server, in, out, options.toArray(String[]::new));
  }
}

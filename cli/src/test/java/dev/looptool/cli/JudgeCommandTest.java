package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.RuleTier;
import dev.looptool.core.llm.LlmFixtures;
import dev.looptool.core.model.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeCommandTest {
  @TempDir Path dir;

  static final String[] CITIES = {"Paris", "Oslo", "Rome", "Lima", "Kyiv", "Doha", "Bern", "Riga"};

  Path input(int n) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Sample s =
          LlmFixtures.sample("s" + i, CITIES[i % CITIES.length], i % 2 == 0 ? "celsius" : null);
      String pred =
          i % 5 == 0
              ? HermesFormat.assistantText(null, s.label().calls())
              : HermesFormat.callBlock(
                      LlmFixtures.weather(CITIES[(i * 3 + 1) % CITIES.length], null))
                  + " "
                  + i;
      ObjectNode o = Json.object();
      o.set("sample", SampleJson.toTree(s));
      o.put("prediction", pred);
      lines.add(Json.compact(o));
    }
    lines.add(3, "{\"sample\": {\"id\": \"bad\"");
    lines.add(
        5, "{\"sample\": " + SampleJson.toJson(LlmFixtures.sample("nopred", "Oslo", null)) + "}");
    lines.add(
        "{\"sample\": "
            + SampleJson.toJson(LlmFixtures.sample("s1", "Oslo", null))
            + ", \"prediction\": \"x\"}");
    Path in = dir.resolve("in.jsonl");
    Files.write(in, lines);
    return in;
  }

  static Map<String, JsonNode> read(Path out) throws Exception {
    Map<String, JsonNode> byId = new TreeMap<>();
    try (JsonlReader r = JsonlReader.open(out)) {
      while (r.hasNext()) {
        JsonNode n = r.next().json();
        assertEquals(null, byId.put(n.get("id").asText(), n), "duplicate " + n.get("id"));
      }
    }
    return byId;
  }

  @Test
  void oneLinePerSampleAndFaultsChangeNothing() throws Exception {
    Path in = input(40);
    Path clean = dir.resolve("clean.jsonl");
    Path faulty = dir.resolve("faulty.jsonl");
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast())) {
      int code = CliRunner.onEndpoint("judge", server, "m", in, clean);
      assertEquals(1, code, "three bad lines make the exit code 1");
      // 40 samples, 8 with identical calls (never sent), the other 32 asked in both orders.
      assertEquals(64, server.requests());
    }
    var faults = new FakeOpenAiServer.Faults(0.08, 0.08, 0, 0.04, 1_500, 0.08, 3);
    try (FakeOpenAiServer server =
        FakeOpenAiServer.start(new FakeOpenAiServer.Options(1, 4, faults))) {
      int code =
          CliRunner.onEndpoint(
              "judge",
              server,
              "m",
              in,
              faulty,
              "--concurrency",
              "4",
              "--timeout-ms",
              "700",
              "--retries",
              "12",
              "--backoff-ms",
              "5");
      assertEquals(1, code);
      assertTrue(server.faults().size() >= 3, server.faults().toString());
    }
    Map<String, JsonNode> a = read(clean);
    Map<String, JsonNode> b = read(faulty);
    assertEquals(40, a.size());
    assertEquals(a.keySet(), b.keySet());
    for (String id : a.keySet()) {
      assertEquals(a.get(id).get("verdict"), b.get(id).get("verdict"), id);
      assertEquals(a.get(id).get("votes").size(), b.get(id).get("votes").size(), id);
    }
    JsonNode identical = a.get("s0");
    assertEquals("BOTH_CORRECT", identical.get("verdict").asText());
    assertEquals("IDENTICAL", identical.get("rule").asText());
    assertEquals(0, identical.get("votes").size());
    // Settled as the judge stage settles it, analysis included.
    assertEquals(RuleTier.identical("s0").analysis(), identical.get("analysis").asText());
    JsonNode judged = a.get("s1");
    assertEquals(2, judged.get("votes").size());
    assertEquals(64, judged.get("votes").get(0).get("prompt_sha256").asText().length());
    assertEquals("m", judged.get("votes").get(0).get("sampling").get("model").asText());

    List<String> rejects = Files.readAllLines(Path.of(clean + ".rejects.jsonl"));
    assertEquals(3, rejects.size(), rejects.toString());
    JsonNode r0 = Json.parse(rejects.get(0));
    assertEquals(4, r0.get("line").asInt());
    assertEquals("$", r0.get("field").asText());
    JsonNode r1 = Json.parse(rejects.get(1));
    assertEquals("prediction", r1.get("field").asText());
    JsonNode r2 = Json.parse(rejects.get(2));
    assertEquals("sample.id", r2.get("field").asText());
    assertTrue(r2.get("reason").asText().contains("duplicate id 's1'"));
  }

  @Test
  void votersAndQuorumAreChecked() throws Exception {
    Path in = input(4);
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast())) {
      assertEquals(
          2,
          CliRunner.onEndpoint(
              "judge", server, "m", in, dir.resolve("o.jsonl"), "--voters", "2", "--quorum", "3"));
      assertEquals(0, server.requests());
      Path out = dir.resolve("three.jsonl");
      CliRunner.onEndpoint(
          "judge",
          server,
          "m",
          in,
          out,
          "--voters",
          "3",
          "--quorum",
          "2",
          "--both-orders",
          "false");
      JsonNode s1 = read(out).get("s1");
      assertEquals(3, s1.get("votes").size());
      assertEquals("m#2", s1.get("votes").get(2).get("voter").asText());
      assertEquals(2, s1.get("votes").get(2).get("sampling").get("seed").asInt());
      assertEquals(0.7, s1.get("votes").get(2).get("sampling").get("temperature").asDouble());
    }
  }
}

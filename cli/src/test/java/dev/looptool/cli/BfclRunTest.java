package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bfcl run} against the fake server on the shared BFCL-v3 data. */
class BfclRunTest {
  @TempDir Path dir;

  static Path data() {
    return Path.of(System.getProperty("looptool.repo.root", "."))
        .resolve("../shared/data/bfcl-v3")
        .normalize();
  }

  @Test
  void runsScoresAndWritesResultFiles() throws Exception {
    List<JsonNode> requests = new CopyOnWriteArrayList<>();
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast())) {
      server.onChat(
          body -> {
            requests.add(body);
            String q = body.path("messages").path(0).path("content").asText();
            if (q.startsWith("Find the area of a triangle with a base of 10 units")) {
              return "<tool_call>\n{\"name\": \"calculate_triangle_area\", \"arguments\": {\"base\": 10, \"height\": 5}}\n</tool_call>";
            }
            if (q.startsWith("Calculate the factorial of 5")) {
              return "<tool_call>\n{\"name\": \"math_factorial\", \"arguments\": {\"number\": 5}}\n</tool_call>";
            }
            return "I cannot help with that.";
          });
      Path out = dir.resolve("bfcl");
      int code =
          LoopToolCli.execute(
              "bfcl",
              "run",
              "--endpoint",
              server.baseUrl(),
              "--model",
              "m",
              "--data",
              data().toString(),
              "--categories",
              "simple,irrelevance",
              "--limit",
              "5",
              "--out",
              out.toString());
      assertEquals(0, code);
      assertEquals(10, server.requests());
      List<String> simple = Files.readAllLines(out.resolve("BFCL_v3_simple.json"));
      assertEquals(5, simple.size());
      JsonNode first = Json.parse(simple.get(0));
      assertEquals("simple_0", first.get("id").asText());
      assertEquals("calculate_triangle_area", first.get("calls").get(0).get("name").asText());
      assertTrue(first.get("underscore_to_dot").asBoolean());
      JsonNode score = Json.parse(Files.readString(out.resolve("score.json")));
      JsonNode cats = score.get("categories");
      for (JsonNode c : cats) {
        if (c.get("category").asText().equals("simple")) {
          assertEquals(
              2,
              c.get("correct").asInt(),
              "the two right answers, one of them with a dotted name sent as underscores");
          assertEquals(5, c.get("total").asInt());
        }
        if (c.get("category").asText().equals("irrelevance")) {
          assertEquals(5, c.get("correct").asInt(), "a text answer is no call");
        }
      }
    }
    JsonNode factorialRequest =
        requests.stream()
            .filter(r -> r.toString().contains("factorial of 5"))
            .findFirst()
            .orElseThrow();
    JsonNode tool = factorialRequest.get("tools").get(0).get("function");
    assertEquals(
        "math_factorial", tool.get("name").asText(), "OpenAI function names cannot hold dots");
    assertEquals(
        "object",
        tool.get("parameters").get("type").asText(),
        "BFCL's dict is JSON Schema's object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"multi_turn_base", "nope"})
  void multiTurnAndUnknownCategoriesAreRefused(String category) throws Exception {
    assertEquals(
        2,
        LoopToolCli.execute(
            "bfcl",
            "run",
            "--endpoint",
            "http://127.0.0.1:9/v1",
            "--model",
            "m",
            "--data",
            data().toString(),
            "--categories",
            category,
            "--out",
            dir.toString()));
  }
}

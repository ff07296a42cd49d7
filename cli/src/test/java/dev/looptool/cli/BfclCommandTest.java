package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code looptool bfcl check|score} end to end on the shared BFCL-v3 data. */
class BfclCommandTest {
  static Path data(String name) {
    return Path.of(System.getProperty("looptool.repo.root", "."))
        .resolve("../shared/data/" + name)
        .normalize();
  }

  /** {@code BENCHMARK check} of the cases in {@code in} against {@code data}, into {@code out}. */
  static String[] checkArgs(String benchmark, Path data, Path in, Path out) {
    return new String[] {
      benchmark, "check", "--data", data.toString(), "--in", in.toString(), "--out", out.toString()
    };
  }

  /** {@code BENCHMARK score} of the result files in {@code results}, its JSON into {@code json}. */
  static String[] scoreArgs(String benchmark, Path data, Path results, Path json) {
    return new String[] {
      benchmark,
      "score",
      "--data",
      data.toString(),
      "--results",
      results.toString(),
      "--json",
      json.toString()
    };
  }

  static int check(Path in, Path out) throws Exception {
    return LoopToolCli.execute(checkArgs("bfcl", data("bfcl-v3"), in, out));
  }

  @Test
  void checkKeepsEveryInputFieldAndAddsTheVerdict(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("cases.jsonl");
    Files.writeString(
        in,
        String.join(
            "\n",
            "{\"id\": \"simple_0\", \"category\": \"simple\", \"model\": \"m1\", \"calls\": [{\"name\": \"calculate_triangle_area\", \"arguments\": {\"base\": 10, \"height\": 5}}]}",
            "{\"id\": \"simple_0\", \"category\": \"simple\", \"calls\": [{\"name\": \"calculate_triangle_area\", \"arguments\": {\"base\": 10, \"height\": 6}}]}",
            "{\"id\": \"simple_0\", \"category\": \"simple\", \"calls\": \"calculate_triangle_area(base=10\"}",
            "{\"id\": \"irrelevance_0\", \"category\": \"irrelevance\", \"calls\": []}",
            "{\"id\": \"simple_363\", \"category\": \"simple\", \"underscore_to_dot\": true, \"calls\": [{\"name\": \"restaurant_search_find_closest\", \"arguments\": {\"location\": \"Boston\", \"cuisine\": \"Sushi\", \"amenities\": [\"Patio\"]}}]}",
            ""));
    Path out = dir.resolve("out/verdicts.jsonl");
    Files.createDirectories(out.getParent());
    assertEquals(0, check(in, out));
    List<String> lines = Files.readAllLines(out);
    assertEquals(5, lines.size());
    JsonNode first = Json.parse(lines.get(0));
    assertEquals("m1", first.get("model").asText());
    assertTrue(first.get("valid").booleanValue());
    assertTrue(first.get("error_type").isNull());
    assertEquals("value_error:others", Json.parse(lines.get(1)).get("error_type").asText());
    assertEquals("ast_decoder:decoder_failed", Json.parse(lines.get(2)).get("error_type").asText());
    assertTrue(Json.parse(lines.get(3)).get("valid").booleanValue());
    assertTrue(Json.parse(lines.get(4)).get("valid").booleanValue());
    try (var files = Files.list(out.getParent())) {
      assertEquals(List.of(out), files.toList(), "no temporary file may be left behind");
    }
  }

  @Test
  void badLinesAreReportedWithFileLineAndFieldAndNothingIsWritten(@TempDir Path dir)
      throws Exception {
    Path in = dir.resolve("cases.jsonl");
    Files.writeString(
        in,
        "{\"id\": \"simple_0\", \"category\": \"multiple\", \"calls\": []}\n{\"id\": \"nope\", \"category\": \"simple\", \"calls\": []}\n{oops\n");
    Path out = dir.resolve("verdicts.jsonl");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = check(in, out);
    } finally {
      System.setErr(old);
    }
    assertEquals(2, code);
    String msg = err.toString(StandardCharsets.UTF_8);
    assertTrue(
        msg.contains(in + ":1: category: 'multiple'; entry simple_0 belongs to simple"), msg);
    assertTrue(msg.contains(in + ":2: id: no BFCL entry 'nope'"), msg);
    assertTrue(msg.contains(in + ":3: (line): malformed JSON"), msg);
    assertFalse(Files.exists(out));
  }

  @Test
  void scorePrintsTheTableAndWritesJson(@TempDir Path dir) throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    StringBuilder irr = new StringBuilder();
    for (int i = 0; i < 240; i++) {
      irr.append("{\"id\": \"irrelevance_")
          .append(i)
          .append("\", \"calls\": ")
          .append(i < 60 ? "[{\"name\": \"f\", \"arguments\": {}}]" : "[]")
          .append("}\n");
    }
    Files.writeString(results.resolve("BFCL_v3_irrelevance.json"), irr);
    Path json = dir.resolve("score.json");
    assertEquals(0, LoopToolCli.execute(scoreArgs("bfcl", data("bfcl-v3"), results, json)));
    JsonNode score = Json.parse(Files.readString(json));
    JsonNode irrelevance = null;
    for (JsonNode c : score.get("categories")) {
      if (c.get("category").asText().equals("irrelevance")) {
        irrelevance = c;
      }
    }
    assertEquals(180, irrelevance.get("correct").asInt());
    assertEquals(0.75, irrelevance.get("accuracy").asDouble(), 1e-12);
    boolean multiTurnNa = false;
    for (JsonNode a : score.get("aggregates")) {
      if (a.get("name").asText().equals("multi_turn_overall")) {
        multiTurnNa = a.get("notAvailable").asBoolean();
      }
    }
    assertTrue(multiTurnNa);
  }

  @Test
  void benchChecksEveryRenderingAndPerturbationAndPrintsRates() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          LoopToolCli.execute(
              "bfcl",
              "bench",
              "--data",
              data("bfcl-v3").toString(),
              "--seconds",
              "0.01",
              "--warmup",
              "0");
    } finally {
      System.setOut(old);
    }
    assertEquals(0, code);
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        text.contains("cases: 7040 answer renderings + 20097 perturbations over 2501 AST entries"),
        text);
    assertTrue(text.contains("verdicts as expected: 27116 of 27137"), text);
    assertTrue(
        text.contains(
            "[java_36, java_65, javascript_41, live_multiple_507-149-4, live_multiple_862-181-3, "
                + "live_multiple_964-207-0, live_parallel_9-5-0, live_simple_106-63-0, live_simple_112-68-0, parallel_multiple_12, "
                + "parallel_multiple_26, simple_363]"),
        text);
    assertFalse(text.contains("unexpected:"), text);
    assertTrue(text.contains("checks per CPU-second"), text);
  }

  /** The harness that runs the official checker ships in the jar beside the class that loads it. */
  @Test
  void theOfficialCheckerHarnessIsOnTheClassPath() throws Exception {
    try (var in = OfficialBfclBench.class.getResourceAsStream("bfcl_official_bench.py")) {
      org.junit.jupiter.api.Assertions.assertNotNull(in, "bfcl_official_bench.py");
    }
  }
}

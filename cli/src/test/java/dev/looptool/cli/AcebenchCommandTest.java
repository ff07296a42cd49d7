package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code looptool acebench check|score} end to end on the shared ACEBench data. */
class AcebenchCommandTest {
  @Test
  void checkAddsVerdictsAndScoreCountsThem(@TempDir Path dir) throws Exception {
    Path data = BfclCommandTest.data("acebench");
    Path in = dir.resolve("cases.jsonl");
    Files.writeString(
        in,
        String.join(
            "\n",
            "{\"id\": \"normal_atom_number_1\", \"category\": \"normal_atom_number\", \"run\": 7, \"calls\": [{\"name\": \"AutomationSystemCompatibilityCheck\", \"arguments\": {\"systemID\": 2435, \"newDeviceModel\": \"XR10\"}}]}",
            "{\"id\": \"normal_atom_number_1\", \"category\": \"normal_atom_number\", \"calls\": [{\"name\": \"AutomationSystemCompatibilityCheck\", \"arguments\": {\"systemID\": 2435, \"newDeviceModel\": \"XR11\"}}]}",
            "{\"id\": \"normal_atom_number_1\", \"category\": \"normal_atom_number\", \"calls\": null}",
            ""));
    Path out = dir.resolve("verdicts.jsonl");
    assertEquals(0, LoopToolCli.execute(BfclCommandTest.checkArgs("acebench", data, in, out)));
    List<String> lines = Files.readAllLines(out);
    assertEquals(3, lines.size());
    assertTrue(Json.parse(lines.get(0)).get("valid").booleanValue());
    assertEquals(7, Json.parse(lines.get(0)).get("run").asInt());
    assertEquals("value_error:string", Json.parse(lines.get(1)).get("error_type").asText());
    assertEquals("ast_decoder:decoder_failed", Json.parse(lines.get(2)).get("error_type").asText());

    Path results = Files.createDirectories(dir.resolve("results"));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      b.append("{\"id\": \"normal_atom_number_").append(i).append("\", \"calls\": []}\n");
    }
    Files.writeString(results.resolve("data_normal_atom_number.json"), b);
    Path json = dir.resolve("score.json");
    assertEquals(
        0, LoopToolCli.execute(BfclCommandTest.scoreArgs("acebench", data, results, json)));
    JsonNode score = Json.parse(Files.readString(json));
    assertTrue(score.get("overall").get("evaluated").asBoolean());
    assertEquals(50, score.get("overall").get("total").asInt());
    assertEquals(0, score.get("overall").get("correct").asInt());
    assertFalse(score.get("categories").get(0).get("evaluated").asBoolean());
  }

  @Test
  void incompleteResultFilesAreRejected(@TempDir Path dir) throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    Files.writeString(
        results.resolve("data_normal_atom_bool.json"),
        "{\"id\": \"normal_atom_bool_0\", \"calls\": []}\n");
    assertEquals(
        2,
        LoopToolCli.execute(
            "acebench",
            "score",
            "--data",
            BfclCommandTest.data("acebench").toString(),
            "--results",
            results.toString()));
  }
}

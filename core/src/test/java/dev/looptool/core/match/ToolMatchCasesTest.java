package dev.looptool.core.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The case table the trainer recipes' Python ToolMatch is tested against
 * (examples/recipes/test_toolmatch.py): every case must hold for the Java rule too, so the reward a
 * trainer computes is the loop's mastered test.
 */
class ToolMatchCasesTest {
  static final String TABLE = "examples/recipes/toolmatch_cases.jsonl";

  static Path table() {
    String root = System.getProperty("looptool.repo.root");
    if (root != null && Files.isRegularFile(Path.of(root).resolve(TABLE))) {
      return Path.of(root).resolve(TABLE);
    }
    // Run outside Maven (an IDE): the nearest directory above that holds the table.
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(TABLE))) {
        return p.resolve(TABLE);
      }
    }
    throw new IllegalStateException(TABLE + " not found above " + Path.of("").toAbsolutePath());
  }

  /**
   * The ground truth read as looptool imports the authors' output string (LoopToolRecords): calls,
   * or a text label when there are none; a record whose output does not parse is refused, so it
   * scores 0 here.
   */
  static boolean matches(String output, String groundTruth) {
    ParsedOutput truth = HermesFormat.parse(groundTruth);
    if (!truth.parsed()) {
      return false;
    }
    Label label =
        truth.calls().isEmpty() ? Label.ofText(truth.text()) : new Label(truth.calls(), null);
    return ToolMatch.matches(output, label);
  }

  @Test
  void everyCaseHoldsForTheJavaRule() throws IOException {
    List<String> lines = Files.readAllLines(table(), StandardCharsets.UTF_8);
    List<String> wrong = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int trues = 0;
    int n = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode c = Json.parse(line);
      n++;
      String id = c.get("id").textValue();
      assertTrue(ids.add(id), "duplicate case id " + id);
      boolean expected = c.get("expected").booleanValue();
      trues += expected ? 1 : 0;
      boolean got = matches(c.get("output").textValue(), c.get("ground_truth").textValue());
      if (got != expected) {
        wrong.add(id + ": expected " + expected + ", got " + got + " (" + c.get("rule") + ")");
      }
    }
    assertTrue(n >= 200, "the table has " + n + " cases");
    assertTrue(trues > 50 && n - trues > 50, trues + " of " + n + " cases match");
    assertEquals(List.of(), wrong);
  }
}

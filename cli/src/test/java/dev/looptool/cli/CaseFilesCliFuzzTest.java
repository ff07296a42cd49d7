package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.benchmarks.MiniData;
import dev.looptool.core.json.Json;
import dev.looptool.core.testing.Fixtures;
import dev.looptool.core.testing.Mutations;
import dev.looptool.core.testing.Mutations.Mutant;
import dev.looptool.core.testing.ReaderFaults;
import dev.looptool.core.testing.ScratchDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bfcl check} run for real on a corrupted cases file (the predictions a user brings): no
 * stack trace, every problem as FILE:LINE, and the verdicts file complete or absent.
 */
class CaseFilesCliFuzzTest {
  private static final String SIMPLE = "BFCL_v3_simple.json";
  private static final int LINES = 4;

  @AutoClose private final ScratchDir dir = new ScratchDir();

  /** The first questions of BFCL's simple category and their answers, as a data directory. */
  private Path miniData() throws IOException {
    Path data = dir.fresh("data");
    MiniData.copyHeads(
        BfclCommandTest.data("bfcl-v3"), data, List.of(SIMPLE, "possible_answer/" + SIMPLE), LINES);
    return data;
  }

  /** One case per answer: the first acceptable value of each parameter. */
  static Stream<Mutant> cases() {
    Path answers = BfclCommandTest.data("bfcl-v3").resolve("possible_answer").resolve(SIMPLE);
    StringBuilder sb = new StringBuilder();
    for (String line :
        new String(Mutations.head(answers, LINES), StandardCharsets.UTF_8).split("\n")) {
      JsonNode answer = Fixtures.json(line);
      ObjectNode c = Json.object();
      c.set("id", answer.get("id"));
      c.put("category", "simple");
      c.set("calls", MiniData.calls(answer.get("ground_truth").get(0), values -> values.get(0)));
      sb.append(Json.compact(c)).append('\n');
    }
    return Mutations.of(
        sb.toString().getBytes(StandardCharsets.UTF_8), Mutations.Syntax.JSON_LINES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aCorruptedCasesFileIsCheckedOrRefusedByLine(Mutant m) throws IOException {
    Path data = miniData();
    Path work = dir.fresh("work");
    Path in = m.writeTo(work.resolve("cases.jsonl"));
    Path out = work.resolve("verdicts.jsonl");
    CliRunner.Result r =
        DataFilesCliFuzzTest.runOnCliStack(BfclCommandTest.checkArgs("bfcl", data, in, out));
    DataFilesCliFuzzTest.assertNoStackTrace(r);
    DataFilesCliFuzzTest.assertProblemsNameFileAndLine(r.err(), in);
    ReaderFaults.assertNoTemporaryFiles(work);
    if (r.exitCode() != ExitCodes.OK) {
      assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.err());
      assertFalse(Files.exists(out), "a refused check left " + out);
      return;
    }
    for (String line : Files.readAllLines(out)) {
      JsonNode v = Fixtures.json(line);
      assertTrue(v.path("valid").isBoolean(), line);
    }
  }
}

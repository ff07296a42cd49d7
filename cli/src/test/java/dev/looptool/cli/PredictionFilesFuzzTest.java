package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.llm.LlmFixtures;
import dev.looptool.core.testing.Mutations;
import dev.looptool.core.testing.Mutations.Mutant;
import dev.looptool.core.testing.ReaderFaults;
import dev.looptool.core.testing.ScratchDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The input files of {@code judge} and {@code expand} ({@code {"sample", "prediction", …}} lines
 * and {@code --judgements}) fed corrupted (issue 18): a line decodes or is refused with the field
 * that is wrong; a broken judgements file is refused with FILE:LINE, never as an I/O error.
 */
class PredictionFilesFuzzTest {
  @AutoClose private final ScratchDir dir = new ScratchDir();

  private static final String OSLO = HermesFormat.callBlock(LlmFixtures.weather("Oslo", null));

  static Stream<Mutant> predictionLines() {
    String lines =
        String.join(
            "\n",
            ExpandCommandTest.line(
                LlmFixtures.sample("a", "Paris", null), OSLO, "PRED_WRONG", true),
            ExpandCommandTest.line(
                LlmFixtures.sample("b", "Lima", "celsius"), OSLO, "LABEL_WRONG", true),
            ExpandCommandTest.line(LlmFixtures.sample("c", "Kyiv", null), OSLO, null, null));
    return Mutations.of(
        (lines + "\n").getBytes(StandardCharsets.UTF_8), Mutations.Syntax.JSON_LINES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("predictionLines")
  void everyCorruptedLineDecodesOrNamesItsField(Mutant m) throws IOException {
    Path in = m.writeTo(dir.resolve("lines.jsonl"));
    ExpandInput expand = new ExpandInput(null, 1);
    try (JsonlReader r = JsonlReader.open(in)) {
      while (r.hasNext()) {
        JsonlReader.Line l = r.next();
        ReaderFaults.readOrReport(
            in,
            () -> {
              try {
                JudgeCommand.Run.decode(l, 1);
              } catch (FormatException e) {
                // the field-level refusal judge reports as FILE:LINE: field: message
              }
              try {
                return expand.decode(l);
              } catch (FormatException | ExpandInput.NotExpanded e) {
                return null;
              }
            });
      }
    }
  }

  static Stream<Mutant> judgements() {
    String lines =
        "{\"id\":\"a\",\"verdict\":\"PRED_WRONG\",\"consensus\":true,\"analysis\":\"wrong city\",\"votes\":[]}\n"
            + "{\"id\":\"c\",\"verdict\":\"LABEL_WRONG\",\"consensus\":false,\"analysis\":\"\"}\n";
    return Mutations.of(lines.getBytes(StandardCharsets.UTF_8), Mutations.Syntax.JSON_LINES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("judgements")
  void aCorruptedJudgementsFileIsReadOrRefusedWithFileAndLine(Mutant m) {
    Path file = m.writeTo(dir.resolve("judged.jsonl"));
    ReaderFaults.readOrReport(file, () -> new ExpandInput(file, 1));
  }

  /** The try that found it: a judgements file cut short made `expand` print a stack trace. */
  @Test
  void expandRefusesATruncatedJudgementsFileWithItsLineAndNoStackTrace() throws IOException {
    Path judged = dir.resolve("judged.jsonl");
    Files.writeString(judged, "{\"id\":\"a\",\"verdict\":\"PRED_");
    Path in = dir.resolve("lines.jsonl");
    Files.writeString(
        in,
        ExpandCommandTest.line(LlmFixtures.sample("a", "Paris", null), OSLO, null, null) + "\n");
    CliRunner.Result r =
        CliRunner.run(
            "expand",
            "--endpoint",
            "http://127.0.0.1:9",
            "--model",
            "gen",
            "--in",
            in.toString(),
            "--out",
            dir.resolve("out.jsonl").toString(),
            "--judgements",
            judged.toString());
    assertEquals(ExitCodes.ERROR, r.exitCode(), r.err());
    DataFilesCliFuzzTest.assertNoStackTrace(r);
    assertTrue(r.err().contains(judged + ":1: $: malformed JSON"), r.err());
  }
}

package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.io.SampleJson;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.model.Sample;
import dev.looptool.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {

  /** One record as the authors' converter writes it, one JSON line as Python's json.dumps. */
  static final String RECORD =
      dev.looptool.core.format.PyJson.dumpsAscii(
          dev.looptool.core.json.Json.object()
              .put(
                  "instruction",
                  dev.looptool.core.format.LoopToolRecords.INSTRUCTION
                      + "\n\nThe current time is 2024-06-01.\n# Tools\n\nYou may call one or more"
                      + " functions to assist with the user query.\n\nYou are provided with function"
                      + " signatures within <tools></tools> XML tags:\n<tools>\n{\"name\": \"f\","
                      + " \"description\": \"d\", \"parameters\": {\"type\": \"object\","
                      + " \"properties\": {\"a\": {\"type\": \"integer\"}}, \"required\":"
                      + " [\"a\"]}}\n</tools>\n\nFor each function call, return a json object with"
                      + " function name and arguments within <tool_call></tool_call> XML"
                      + " tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\":"
                      + " <args-json-object>}\n</tool_call>.")
              .put("input", "Call f with 3")
              .put(
                  "output",
                  "<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": 3}}\n</tool_call>"));

  @Test
  void importThenExportReproducesTheRecordsAndReportsBadOnes(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("authors.jsonl");
    String broken = RECORD.replace("{\\\"a\\\": 3}}", "{\\\"a\\\": 3}");
    Files.writeString(in, RECORD + "\n" + broken + "\n" + RECORD + "\n");
    Path samples = dir.resolve("samples.jsonl");
    CliRunner.Result r =
        CliRunner.run("data", "import", "--in", in.toString(), "--out", samples.toString());
    assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.err());
    assertTrue(r.err().contains(in + ":2: output: tool call is not valid JSON"), r.err());
    assertTrue(
        r.out().contains("3 records, 2 samples imported, 1 rejected (1× output: tool call"),
        r.out());
    List<Sample> read = SampleReader.readAll(samples);
    assertEquals(
        List.of("authors-000001", "authors-000003"), read.stream().map(Sample::id).toList());
    assertTrue(
        Files.readString(dir.resolve("samples.jsonl.rejects.jsonl"))
            .contains("\"field\":\"output\""));

    assertEquals(
        ExitCodes.OK, CliRunner.run("data", "validate", "--in", samples.toString()).exitCode());

    Path back = dir.resolve("back.jsonl");
    r =
        CliRunner.run(
            "data",
            "export",
            "--format",
            "looptool",
            "--in",
            samples.toString(),
            "--out",
            back.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertEquals(RECORD + "\n" + RECORD + "\n", Files.readString(back));
    assertFalse(Files.exists(dir.resolve("back.jsonl.rejects.jsonl")));
  }

  @Test
  void aSampleTheFormatCannotHoldIsRejectedWithItsLineAndTheRestExported(@TempDir Path dir)
      throws Exception {
    Sample calls = Fixtures.weatherSample("a");
    Sample textBesideCalls =
        calls.withLabel(
            new dev.looptool.core.model.Label(calls.label().calls(), "Checking."),
            calls.provenance());
    Path in = dir.resolve("s.jsonl");
    Files.writeString(
        in, SampleJson.toJson(calls) + "\n" + SampleJson.toJson(textBesideCalls) + "\n");
    Path out = dir.resolve("llama.json");
    CliRunner.Result r =
        CliRunner.run(
            "data",
            "export",
            "--format",
            "sharegpt",
            "--in",
            in.toString(),
            "--out",
            out.toString());
    assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.err());
    assertTrue(
        r.err().contains(in + ":2: label: an assistant turn with text beside its tool calls"),
        r.err());
    assertTrue(r.out().contains("1 record written, 1 rejected"), r.out());
    assertEquals(1, dev.looptool.core.json.Json.parse(Files.readString(out)).size());
    assertTrue(Files.readString(dir.resolve("llama.json.rejects.jsonl")).contains("\"line\":2"));
  }

  @Test
  void anUnknownOrImportOnlyFormatIsRefusedWithTheKnownNames(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("s.jsonl");
    Files.writeString(in, SampleJson.toJson(Fixtures.weatherSample("a")) + "\n");
    CliRunner.Result r =
        CliRunner.run(
            "data", "export", "--format", "nope", "--in", in.toString(), "--out", "x.jsonl");
    assertEquals(ExitCodes.ERROR, r.exitCode());
    assertTrue(r.err().contains("unknown dataset format 'nope' (known: "), r.err());
    r =
        CliRunner.run(
            "data",
            "export",
            "--format",
            "verl",
            "--set",
            "colour=red",
            "--in",
            in.toString(),
            "--out",
            "x.jsonl");
    assertEquals(ExitCodes.ERROR, r.exitCode());
    assertTrue(r.err().contains("verl has no setting 'colour'"), r.err());
  }

  @Test
  void validateReportsEveryProblemWithFileLineAndFieldAndKeepsGoing(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("mixed.jsonl");
    Sample good = Fixtures.weatherSample("a");
    String badCall =
        SampleJson.toJson(Fixtures.weatherSample("b"))
            .replace("\"unit\":\"celsius\"", "\"unit\":\"kelvin\"");
    Files.writeString(
        f,
        SampleJson.toJson(good)
            + "\n{not json\n"
            + badCall
            + "\n"
            + SampleJson.toJson(good)
            + "\n");
    CliRunner.Result r = CliRunner.run("data", "validate", "--in", f.toString());
    assertEquals(ExitCodes.PROBLEMS, r.exitCode());
    assertTrue(r.out().contains(f + ":2: $: malformed JSON"), r.out());
    assertTrue(r.out().contains(f + ":3: label.calls[0].arguments.unit: not_in_enum"), r.out());
    assertTrue(r.out().contains(f + ":4: id: duplicate id 'a' (first on line 1)"), r.out());
    assertTrue(r.out().contains("4 lines, 3 samples decoded, 1 valid, 3 problem(s)"), r.out());
  }

  @Test
  void cleanFileExitsZeroAndMissingFileExitsOne(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("clean.jsonl");
    Files.writeString(
        f,
        SampleJson.toJson(Fixtures.weatherSample("a"))
            + "\n"
            + SampleJson.toJson(Fixtures.weatherSample("b"))
            + "\n");
    CliRunner.Result r = CliRunner.run("data", "validate", "--in", f.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.out());
    assertFalse(r.out().contains(": $:"));
    assertEquals(
        ExitCodes.ERROR,
        CliRunner.run("data", "validate", "--in", dir.resolve("nope.jsonl").toString()).exitCode());
  }
}

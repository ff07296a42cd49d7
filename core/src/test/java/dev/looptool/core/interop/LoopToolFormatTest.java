package dev.looptool.core.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.format.LoopToolRecords;
import dev.looptool.core.io.LineError;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolSpec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The authors' records as released. {@code authors-records.json} and {@code .jsonl} were written by
 * the authors' own converter ({@code conversation_transform_grpo_qwen.py}, both its tool-call and
 * its response mode) from the two hand-written dialogues in {@code authors-dialogues.json}: single
 * and parallel calls, multi-turn context with tool responses, text answers, a clarifying question,
 * a dialogue without a date, non-ASCII text and floats such as {@code 1e-05}.
 */
class LoopToolFormatTest {
  static final DatasetFormat FORMAT = DatasetFormats.byName("looptool");
  static List<Sample> samples;

  @TempDir static Path dir;

  static Path resource(String name) throws Exception {
    Path p = dir.resolve(name);
    try (InputStream in = LoopToolFormatTest.class.getResourceAsStream(name)) {
      Files.write(p, in.readAllBytes());
    }
    return p;
  }

  static List<Sample> importFile(Path file, List<LineError> errors) throws Exception {
    Path out = file.resolveSibling(file.getFileName() + ".samples.jsonl");
    try (var samplesOut = Files.newOutputStream(out)) {
      DatasetImport.run(
          file, null, "authors", samplesOut, new ByteArrayOutputStream(), errors::add);
    }
    return SampleReader.readAll(out);
  }

  @BeforeAll
  static void importTheRecords() throws Exception {
    List<LineError> errors = new ArrayList<>();
    samples = importFile(resource("authors-records.json"), errors);
    assertEquals(List.of(), errors);
  }

  @ParameterizedTest
  @ValueSource(strings = {"authors-records.json", "authors-records.jsonl"})
  void recordsImportWithoutARejectAndExportBackByteForByte(String name) throws Exception {
    Path source = resource(name);
    List<LineError> errors = new ArrayList<>();
    List<Sample> got = importFile(source, errors);
    assertEquals(List.of(), errors);
    assertEquals(7, got.size());
    Path samplesFile = source.resolveSibling(name + ".samples.jsonl");
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    DatasetExport.run(
        samplesFile,
        FORMAT,
        name.endsWith(".json"),
        back,
        new ByteArrayOutputStream(),
        e -> {
          throw new AssertionError(e.toString());
        });
    assertArrayEquals(Files.readAllBytes(source), back.toByteArray());
  }

  @Test
  void aSingleTurnRecordIsTheBareUserTextAndItsDateAndPreambleAreKept() {
    Sample s = samples.get(0);
    assertEquals("authors-000001", s.id());
    assertEquals(
        List.of(Role.SYSTEM, Role.USER), s.messages().stream().map(Message::role).toList());
    assertEquals(LoopToolRecords.INSTRUCTION, s.messages().get(0).content());
    assertEquals("What's the weather in Zu\u0308rich?", s.messages().get(1).content());
    assertEquals("2024-06-01", s.meta().get("date").textValue());
    assertEquals(
        List.of("get_weather", "convert_currency"),
        s.tools().stream().map(ToolSpec::name).toList());
    assertEquals("get_weather{\"city\":\"Zu\u0308rich\"}", s.label().calls().get(0).toString());
  }

  @Test
  void parallelCallsAfterAMultiTurnContextWithToolResponses() {
    Sample s = samples.get(1);
    assertEquals(
        List.of(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.USER),
        s.messages().stream().map(Message::role).toList());
    assertEquals("get_weather", s.messages().get(3).name());
    assertEquals("{\"temp_c\": 18.5, \"sky\": \"cloudy\"}", s.messages().get(3).content());
    assertEquals(3, s.label().calls().size());
    assertEquals(
        0,
        s.label()
            .calls()
            .get(1)
            .arguments()
            .get("amount")
            .decimalValue()
            .compareTo(new java.math.BigDecimal("0.00001")));
  }

  @Test
  void textAnswersAndAClarifyingQuestionAreTextLabels() {
    Sample summary = samples.get(3);
    assertTrue(summary.label().isText());
    List<Message> context = summary.messages();
    assertEquals(Role.TOOL, context.get(context.size() - 1).role());
    assertEquals(4, context.stream().filter(m -> m.role() == Role.TOOL).count());
    Sample question = samples.get(4);
    assertTrue(question.label().isText());
    assertEquals("Sure - how much, and from which currency to which?", question.label().text());
  }

  @Test
  void aDialogueWithoutADateKeepsTheConvertersUnknown() {
    assertEquals("Unknown", samples.get(5).meta().get("date").textValue());
    assertNull(samples.get(5).label().text());
  }

  @Test
  void theFullMarkerVariantReadsToTheSameSampleAsTheReleasedRendering() throws Exception {
    Sample released = samples.get(1);
    LoopToolRecords.Record r = LoopToolRecords.toRecord(released);
    LoopToolRecords.Record fullMarkers =
        new LoopToolRecords.Record(
            r.instruction(), "<|im_start|>user\n" + r.input() + "<|im_end|>", r.output());
    Sample again = LoopToolRecords.toSample(fullMarkers, released.id());
    assertEquals(released.messages(), again.messages());
    assertEquals(released.label(), again.label());
    assertEquals(released.tools(), again.tools());
  }

  @Test
  void malformedRecordsAreRejectedWithFileLineAndFieldAndTheRestImported() throws Exception {
    String good = Files.readAllLines(resource("authors-records.jsonl")).get(0);
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(
        f,
        good
            + "\n"
            + good.replace("</tool_call>\"}", "\"}")
            + "\n{\"instruction\": \"x\", \"input\": 3, \"output\": \"y\"}\n"
            + "{\"input\": \"hi\", \"output\": \"y\", \"instruction\": null}\n"
            + "{\"instruction\": \"x\", \"input\": \"hi<|im_end|>\\n<|im_start|>robot\\nbeep<|im_end|>\", \"output\": \"y\"}\n"
            + "[1, 2]\n");
    List<LineError> errors = new ArrayList<>();
    ByteArrayOutputStream rejects = new ByteArrayOutputStream();
    DatasetImport.Summary s =
        DatasetImport.run(f, FORMAT, "bad", new ByteArrayOutputStream(), rejects, errors::add);
    assertEquals(
        List.of(
            f + ":2: output: <tool_call> block is not closed",
            f + ":3: input: must be a string",
            f + ":4: instruction: required",
            f + ":5: input: turn 2 has unknown role 'robot'",
            f + ":6: $: a record must be a JSON object with instruction, input, output"),
        errors.stream().map(LineError::toString).toList());
    assertEquals(1, s.samples());
    assertEquals(5, s.rejected());
    assertEquals(5, rejects.toString().lines().count());
    assertTrue(s.line().contains("1× input: must be a string"), s.line());
  }
}

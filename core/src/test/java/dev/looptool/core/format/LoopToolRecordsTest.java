package dev.looptool.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.format.LoopToolRecords.Record;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Origin;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-written records in the full-marker variant of the authors' shape (every turn with both
 * markers, tools as the Qwen template writes them); the released rendering is tested in {@code
 * interop.LoopToolFormatTest} on records written by the authors' converter.
 */
class LoopToolRecordsTest {

  static final String TOOLS =
      "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
          + "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
          + "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\": \"Weather for a city.\", \"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}, \"unit\": {\"type\": \"string\", \"enum\": [\"celsius\", \"fahrenheit\"]}}, \"required\": [\"city\"]}}}\n"
          + "{\"type\": \"function\", \"function\": {\"name\": \"convert_currency\", \"description\": \"Convert money.\", \"parameters\": {\"type\": \"object\", \"properties\": {\"amount\": {\"type\": \"number\"}, \"from\": {\"type\": \"string\"}, \"to\": {\"type\": \"string\"}}, \"required\": [\"amount\", \"from\", \"to\"]}}}\n"
          + "</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

  static final Record SINGLE =
      new Record(
          "You are a helpful assistant.\n\n" + TOOLS,
          "<|im_start|>user\nWhat's the weather in Paris?<|im_end|>",
          "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>");

  static final Record PARALLEL =
      new Record(
          TOOLS,
          "<|im_start|>user\nWeather in Paris in celsius, and convert 12.5 EUR to USD.<|im_end|>",
          "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"celsius\"}}\n</tool_call>\n"
              + "<tool_call>\n{\"name\": \"convert_currency\", \"arguments\": {\"amount\": 12.5, \"from\": \"EUR\", \"to\": \"USD\"}}\n</tool_call>");

  static final Record MULTI_TURN =
      new Record(
          "You are a helpful assistant.\n\n" + TOOLS,
          "<|im_start|>user\nWeather in Paris and Rome?<|im_end|>\n"
              + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Rome\"}}\n</tool_call><|im_end|>\n"
              + "<|im_start|>user\n<tool_response>\n{\"temp_c\": 18, \"sky\": \"cloudy\"}\n</tool_response>\n<tool_response>\n{\"temp_c\": 24, \"sky\": \"sunny\"}\n</tool_response><|im_end|>\n"
              + "<|im_start|>assistant\nParis is 18°C and cloudy; Rome is 24°C and sunny.<|im_end|>\n"
              + "<|im_start|>user\nConvert 30 EUR to GBP please.<|im_end|>",
          "Let me convert that.\n<tool_call>\n{\"name\": \"convert_currency\", \"arguments\": {\"amount\": 30, \"from\": \"EUR\", \"to\": \"GBP\"}}\n</tool_call>");

  static final Record TEXT_ANSWER =
      new Record(
          TOOLS,
          "<|im_start|>user\nBook me a table for two tonight.<|im_end|>",
          "I'm sorry, none of my tools can book restaurants.");

  static Stream<Record> records() {
    return Stream.of(SINGLE, PARALLEL, MULTI_TURN, TEXT_ANSWER);
  }

  @ParameterizedTest
  @MethodSource("records")
  void theVariantReadsTheSameAfterRenderingInTheReleasedShape(Record r) throws FormatException {
    Sample s = LoopToolRecords.toSample(r, "r1");
    Sample again = LoopToolRecords.toSample(LoopToolRecords.toRecord(s), "r1");
    assertEquals(s.tools(), again.tools());
    assertEquals(s.label(), again.label());
    // A sample without a system message is rendered with the authors' fixed system text.
    assertEquals(
        s.messages().stream().filter(m -> m.role() != Role.SYSTEM).toList(),
        again.messages().stream().filter(m -> m.role() != Role.SYSTEM).toList());
    assertEquals(Role.SYSTEM, again.messages().get(0).role());
    assertEquals(Origin.IMPORTED, s.provenance().origin());
  }

  @Test
  void singleCallBecomesCallLabel() throws FormatException {
    Sample s = LoopToolRecords.toSample(SINGLE, "r1");
    assertEquals(2, s.tools().size());
    assertEquals("You are a helpful assistant.", s.messages().get(0).content());
    assertEquals(Role.SYSTEM, s.messages().get(0).role());
    assertEquals("get_weather", s.label().calls().get(0).name());
    assertNull(s.label().text());
  }

  @Test
  void multiTurnHistoryKeepsToolResultsWithNamesFromTheCalls() throws FormatException {
    Sample s = LoopToolRecords.toSample(MULTI_TURN, "r1");
    // system, user, assistant(2 calls), tool, tool, assistant(text), user
    assertEquals(7, s.messages().size());
    Message first = s.messages().get(3);
    assertEquals(Role.TOOL, first.role());
    assertEquals("get_weather", first.name());
    assertEquals("{\"temp_c\": 18, \"sky\": \"cloudy\"}", first.content());
    assertEquals(2, s.messages().get(2).toolCalls().size());
    assertEquals("Let me convert that.", s.label().text());
    assertEquals(1, s.label().calls().size());
  }

  @Test
  void textAnswerBecomesTextLabel() throws FormatException {
    Sample s = LoopToolRecords.toSample(TEXT_ANSWER, "r1");
    assertTrue(s.label().isText());
    assertEquals("I'm sorry, none of my tools can book restaurants.", s.label().text());
    assertEquals(1, s.messages().size());
  }

  @Test
  void malformedPartsNameTheField() {
    FormatException e =
        assertThrows(
            FormatException.class,
            () ->
                LoopToolRecords.toSample(
                    new Record(
                        TOOLS, SINGLE.input(), "<tool_call>\n{\"name\": \"x\"\n</tool_call>"),
                    "r"));
    assertEquals("output", e.field());
    e =
        assertThrows(
            FormatException.class,
            () ->
                LoopToolRecords.toSample(
                    new Record(TOOLS, "<|im_start|>user hi<|im_end|>", SINGLE.output()), "r"));
    assertEquals("input", e.field());
    e =
        assertThrows(
            FormatException.class,
            () ->
                LoopToolRecords.toSample(
                    new Record(
                        TOOLS.replace("\"name\": \"get_weather\",", "\"name\": \"get_weather\""),
                        SINGLE.input(),
                        SINGLE.output()),
                    "r"));
    assertEquals("instruction", e.field());
  }
}

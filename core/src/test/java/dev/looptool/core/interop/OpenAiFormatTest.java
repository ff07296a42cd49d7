package dev.looptool.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.validate.SampleValidator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** OpenAI fine-tuning and TRL chat records with tool calls, read and written. */
class OpenAiFormatTest {
  private final OpenAiFormat format = new OpenAiFormat();

  static final String TOOLS =
      "[{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\": \"Current weather for a city.\", "
          + "\"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}, "
          + "\"unit\": {\"type\": \"string\", \"enum\": [\"celsius\", \"fahrenheit\"]}}, \"required\": [\"city\"]}}}, "
          + "{\"type\": \"function\", \"function\": {\"name\": \"convert_currency\", \"description\": \"Convert money.\", "
          + "\"parameters\": {\"type\": \"object\", \"properties\": {\"amount\": {\"type\": \"number\"}, "
          + "\"from\": {\"type\": \"string\"}, \"to\": {\"type\": \"string\"}}, \"required\": [\"amount\", \"from\", \"to\"]}}}]";

  /**
   * As OpenAI's fine-tuning guide writes it: string arguments, tool turns with tool_call_id only.
   */
  static final String FINE_TUNING =
      "{\"messages\": ["
          + "{\"role\": \"system\", \"content\": \"You are a helpful assistant.\"}, "
          + "{\"role\": \"user\", \"content\": \"What's the weather in Paris and Rome?\"}, "
          + "{\"role\": \"assistant\", \"tool_calls\": ["
          + "{\"id\": \"call_1\", \"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Paris\\\"}\"}}, "
          + "{\"id\": \"call_2\", \"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Rome\\\"}\"}}]}, "
          + "{\"role\": \"tool\", \"tool_call_id\": \"call_1\", \"content\": \"{\\\"temp_c\\\": 18}\"}, "
          + "{\"role\": \"tool\", \"tool_call_id\": \"call_2\", \"content\": \"{\\\"temp_c\\\": 24}\"}, "
          + "{\"role\": \"assistant\", \"content\": \"Paris is 18°C, Rome 24°C.\", \"weight\": 0}, "
          + "{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Now convert \"}, {\"type\": \"text\", \"text\": \"30 EUR to GBP.\"}]}, "
          + "{\"role\": \"assistant\", \"content\": null, \"tool_calls\": ["
          + "{\"id\": \"call_3\", \"type\": \"function\", \"function\": {\"name\": \"convert_currency\", \"arguments\": \"{\\\"amount\\\": 30, \\\"from\\\": \\\"EUR\\\", \\\"to\\\": \\\"GBP\\\"}\"}}]}], "
          + "\"tools\": "
          + TOOLS
          + ", \"parallel_tool_calls\": true}";

  /** As TRL's tool-calling datasets write it: object arguments, tool turns with the tool's name. */
  static final String TRL =
      "{\"messages\": ["
          + "{\"role\": \"user\", \"content\": \"Weather in Oslo?\"}, "
          + "{\"role\": \"assistant\", \"tool_calls\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\"}}}]}, "
          + "{\"role\": \"tool\", \"name\": \"get_weather\", \"content\": \"{\\\"temp_c\\\": 4}\"}, "
          + "{\"role\": \"assistant\", \"content\": \"It is 4°C in Oslo.\"}], "
          + "\"tools\": "
          + TOOLS
          + "}";

  private static ObjectNode obj(String json) {
    try {
      return (ObjectNode) Json.parse(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void fineTuningRecordGivesOneSamplePerTrainedAssistantTurn() throws Exception {
    List<Sample> got = format.read(Json.parse(FINE_TUNING), "ft-000001");
    // the assistant turn with weight 0 is context only
    assertEquals(List.of("ft-000001-1", "ft-000001-2"), got.stream().map(Sample::id).toList());
    for (Sample s : got) {
      assertEquals(List.of(), SampleValidator.validate(s));
      assertEquals(2, s.tools().size());
      assertEquals(obj("{\"source\":\"openai\"}"), s.meta());
    }
    Sample first = got.get(0);
    assertEquals(
        List.of(
            Message.system("You are a helpful assistant."),
            Message.user("What's the weather in Paris and Rome?")),
        first.messages());
    assertEquals(
        Label.ofCalls(
            List.of(
                ToolCall.of("get_weather", obj("{\"city\":\"Paris\"}")),
                ToolCall.of("get_weather", obj("{\"city\":\"Rome\"}")))),
        first.label());

    Sample second = got.get(1);
    assertEquals(7, second.messages().size());
    Message tool = second.messages().get(3);
    assertEquals(Role.TOOL, tool.role());
    assertEquals("get_weather", tool.name());
    assertEquals("call_1", tool.toolCallId());
    assertEquals("{\"temp_c\": 18}", tool.content());
    assertEquals(Message.assistant("Paris is 18°C, Rome 24°C."), second.messages().get(5));
    assertEquals("Now convert 30 EUR to GBP.", second.messages().get(6).content());
    assertEquals(
        Label.ofCalls(
            List.of(
                ToolCall.of(
                    "convert_currency", obj("{\"amount\":30,\"from\":\"EUR\",\"to\":\"GBP\"}")))),
        second.label());
  }

  @Test
  void trlRecordReadsWithNamedToolTurnsAndObjectArguments() throws Exception {
    List<Sample> got = format.read(Json.parse(TRL), "t");
    assertEquals(2, got.size());
    assertEquals("t-1", got.get(0).id());
    assertEquals(
        Label.ofCalls(List.of(ToolCall.of("get_weather", obj("{\"city\":\"Oslo\"}")))),
        got.get(0).label());
    Sample last = got.get(1);
    assertEquals(Message.tool("get_weather", "{\"temp_c\": 4}"), last.messages().get(2));
    assertEquals(Label.ofText("It is 4°C in Oslo."), last.label());
  }

  @Test
  void exportWritesTheTrlShape() throws Exception {
    Sample s = format.read(Json.parse(FINE_TUNING), "ft").get(1);
    JsonNode record = format.write(s, 0);
    assertEquals(
        "{\"messages\":["
            + "{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
            + "{\"role\":\"user\",\"content\":\"What's the weather in Paris and Rome?\"},"
            + "{\"role\":\"assistant\",\"tool_calls\":["
            + "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}},"
            + "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Rome\"}}}],"
            + "\"weight\":0},"
            + "{\"role\":\"tool\",\"name\":\"get_weather\",\"tool_call_id\":\"call_1\",\"content\":\"{\\\"temp_c\\\": 18}\"},"
            + "{\"role\":\"tool\",\"name\":\"get_weather\",\"tool_call_id\":\"call_2\",\"content\":\"{\\\"temp_c\\\": 24}\"},"
            + "{\"role\":\"assistant\",\"content\":\"Paris is 18°C, Rome 24°C.\",\"weight\":0},"
            + "{\"role\":\"user\",\"content\":\"Now convert 30 EUR to GBP.\"},"
            + "{\"role\":\"assistant\",\"tool_calls\":["
            + "{\"type\":\"function\",\"function\":{\"name\":\"convert_currency\",\"arguments\":{\"amount\":30,\"from\":\"EUR\",\"to\":\"GBP\"}}}]}],"
            + "\"tools\":["
            + "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather for a city.\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
            + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"city\"]}}},"
            + "{\"type\":\"function\",\"function\":{\"name\":\"convert_currency\",\"description\":\"Convert money.\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"number\"},"
            + "\"from\":{\"type\":\"string\"},\"to\":{\"type\":\"string\"}},\"required\":[\"amount\",\"from\",\"to\"]}}}]}",
        Json.compact(record));
    // The context's assistant turns are weight 0: the record holds the one sample it came from.
    assertEquals(List.of(s.withId("x")), format.read(record, "x"));
    assertTrue(format.writable());
    // tool_call_id is kept though the exported calls carry no ids: the name says the tool
    List<Sample> back = format.read(record, "ft");
    assertEquals(s, back.get(back.size() - 1).withId(s.id()));
  }

  // ------------------------------------------------------------------ round trips

  static final List<ToolSpec> SPECS = tools();

  private static List<ToolSpec> tools() {
    try {
      return SampleJson.readTools(Json.parse(TOOLS), "tools");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Sample sample(List<Message> context, Label label) {
    return new Sample(
        "rt", SPECS, context, label, Provenance.imported(), obj("{\"source\":\"openai\"}"));
  }

  static Stream<Sample> samples() {
    Message system = Message.system("You are a helpful assistant.");
    Message ask = Message.user("What's the weather in Paris?");
    ToolCall paris = ToolCall.of("get_weather", obj("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
    ToolCall money =
        ToolCall.of("convert_currency", obj("{\"amount\":12.5,\"from\":\"EUR\",\"to\":\"USD\"}"));
    return Stream.of(
        sample(List.of(system, ask), Label.ofCalls(List.of(paris))),
        sample(
            List.of(Message.user("Weather in Paris, and 12.5 EUR in USD?")),
            Label.ofCalls(List.of(paris, money))),
        sample(
            List.of(
                system,
                ask,
                Message.assistant(List.of(paris)),
                Message.tool("get_weather", "{\"temp_c\": 18.0}"),
                Message.assistant("It is 18°C in Paris."),
                Message.user("And 12.5 EUR in USD?")),
            new Label(List.of(money), "Converting now.")),
        sample(
            List.of(ask, Message.assistant(List.of(paris)), Message.tool("get_weather", "18°C")),
            Label.ofText("It is 18°C and sunny in Paris.")),
        sample(
            List.of(Message.user("Convert some euros to dollars.")),
            Label.ofText("How many euros would you like to convert?")));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleRecordSampleIsTheSameSample(Sample s) throws Exception {
    String line = Json.compact(format.write(s, 3));
    List<Sample> back = format.read(Json.parse(line), "rt");
    // earlier assistant turns in the context become samples of their own; the last is this one
    assertEquals(s, back.get(back.size() - 1).withId("rt"));
    assertTrue(format.recognizes(Json.parse(line)));
  }

  // ------------------------------------------------------------------ detection and errors

  @Test
  void detectedByItsShapeAndNotConfusedWithSamplesOrXlam() throws Exception {
    assertSame(OpenAiFormat.class, DatasetFormats.detect(Json.parse(FINE_TUNING)).getClass());
    assertSame(OpenAiFormat.class, DatasetFormats.detect(Json.parse(TRL)).getClass());
    Sample s = samples().findFirst().orElseThrow();
    assertFalse(format.recognizes(SampleJson.toTree(s)));
    assertFalse(format.recognizes(Json.parse(XlamFormatTest.GIVEAWAYS)));
  }

  @Test
  void noTrainedAssistantTurnIsAnError() throws Exception {
    String onlyContext =
        "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"},"
            + " {\"role\": \"assistant\", \"content\": \"hello\", \"weight\": 0}]}";
    FormatException e =
        assertThrows(FormatException.class, () -> format.read(Json.parse(onlyContext), "x"));
    assertEquals("messages", e.field());
    assertNull(format.read(Json.parse(TRL), "t").get(0).label().text());
  }

  @Test
  void malformedRecordsAreRejectedWithFileLineFieldAndReason(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("chat.jsonl");
    String user = "{\"role\": \"user\", \"content\": \"Weather in Oslo?\"}";
    String call =
        "{\"role\": \"assistant\", \"tool_calls\": [{\"id\": \"call_1\", \"type\": \"function\","
            + " \"function\": {\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": \\\"Oslo\\\"}\"}}]}";
    String answer = "{\"role\": \"assistant\", \"content\": \"4°C.\"}";
    Files.writeString(
        file,
        String.join(
                "\n",
                TRL,
                rec(
                    user,
                    call,
                    "{\"role\": \"tool\", \"tool_call_id\": \"call_9\", \"content\": \"4\"}",
                    answer),
                rec(user, call, "{\"role\": \"tool\", \"content\": \"4\"}", answer),
                rec(
                    user,
                    call,
                    "{\"role\": \"tool\", \"name\": \"convert_currency\", \"tool_call_id\": \"call_1\", \"content\": \"4\"}",
                    answer),
                rec(
                    "{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"https://x/y.png\"}}]}",
                    answer),
                rec(user, "{\"role\": \"assistant\", \"content\": \"4°C.\", \"weight\": 2}"),
                rec(user),
                rec(
                    user,
                    "{\"role\": \"assistant\", \"tool_calls\": [{\"type\": \"function\","
                        + " \"function\": {\"name\": \"get_weather\", \"arguments\": \"{city: Oslo}\"}}]}"),
                rec(user, "{\"role\": \"assistant\", \"content\": \"\"}"),
                rec(
                    user,
                    "{\"role\": \"assistant\", \"tool_calls\": [{\"type\": \"function\","
                        + " \"function\": {\"name\": \"get_weather\", \"arguments\": {\"town\": \"Oslo\"}}}]}"))
            + "\n");
    List<String> errors = new ArrayList<>();
    ByteArrayOutputStream samples = new ByteArrayOutputStream();
    ByteArrayOutputStream rejects = new ByteArrayOutputStream();
    DatasetImport.Summary summary =
        DatasetImport.run(file, null, "c", samples, rejects, e -> errors.add(e.toString()));
    String f = file.toString();
    assertEquals(
        List.of(
            f + ":2: messages[2].tool_call_id: no earlier assistant tool call has id 'call_9'",
            f
                + ":3: messages[2].tool_call_id: required when a tool message has no name: the id"
                + " of the call it answers",
            f
                + ":4: messages[2].name: 'convert_currency' differs from 'get_weather', the tool"
                + " of call 'call_1' it answers",
            f + ":5: messages[0].content[0].type: only text parts can be imported, got 'image_url'",
            f + ":6: messages[1].weight: must be 0 (context only) or 1 (trained on)",
            f
                + ":7: messages: has no assistant turn to learn (every assistant turn, if any, has"
                + " weight 0)",
            f
                + ":8: messages[1].tool_calls[0].function.arguments: string is not valid JSON:"
                + " Unexpected character ('c' (code 99)): was expecting double-quote to start"
                + " field name",
            f + ":9: messages[1]: an assistant message needs content or tool_calls",
            f
                + ":10: label.calls[0].arguments.city: missing_required: required parameter 'city'"
                + " is missing (in sample c-000010 made from this record)"),
        errors);
    assertEquals(10, summary.records());
    assertEquals(2, summary.samples());
    assertEquals(9, summary.rejected());
    assertEquals("openai", summary.format());
    String[] out = samples.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals("c-000001-1", Json.parse(out[0]).get("id").asText());
    assertEquals(9, rejects.toString(StandardCharsets.UTF_8).split("\n").length);
  }

  private static String rec(String... messages) {
    return "{\"messages\": [" + String.join(", ", messages) + "], \"tools\": " + TOOLS + "}";
  }
}

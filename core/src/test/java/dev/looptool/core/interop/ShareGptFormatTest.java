package dev.looptool.core.interop;

import static dev.looptool.core.testing.Fixtures.call;
import static dev.looptool.core.testing.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.validate.SampleValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShareGptFormatTest {
  static final ShareGptFormat FORMAT = new ShareGptFormat();

  @TempDir Path dir;

  // ---------------------------------------------------------------- (a) LLaMA-Factory

  /** As LLaMA-Factory's glaive_toolcall data writes it, with a parallel call added. */
  static final String LLAMA_FACTORY =
      "{\"conversations\": ["
          + "{\"from\": \"human\", \"value\": \"Hi, I need to convert 500 USD to Euros.\"},"
          + " {\"from\": \"function_call\", \"value\": \"{\\\"name\\\": \\\"convert_currency\\\","
          + " \\\"arguments\\\": {\\\"amount\\\": 500, \\\"from_currency\\\": \\\"USD\\\","
          + " \\\"to_currency\\\": \\\"EUR\\\"}}\"},"
          + " {\"from\": \"observation\", \"value\": \"{\\\"converted_amount\\\": 425.5,"
          + " \\\"from_currency\\\": \\\"USD\\\", \\\"to_currency\\\": \\\"EUR\\\"}\"},"
          + " {\"from\": \"gpt\", \"value\": \"500 USD is about 425.50 Euros.\"},"
          + " {\"from\": \"human\", \"value\": \"And the weather in Paris and Rome?\"},"
          + " {\"from\": \"function_call\", \"value\": \"[{\\\"name\\\": \\\"get_weather\\\","
          + " \\\"arguments\\\": {\\\"city\\\": \\\"Paris\\\"}}, {\\\"name\\\": \\\"get_weather\\\","
          + " \\\"arguments\\\": {\\\"city\\\": \\\"Rome\\\"}}]\"},"
          + " {\"from\": \"observation\", \"value\": \"[{\\\"temp_c\\\": 18}, {\\\"temp_c\\\":"
          + " 24}]\"},"
          + " {\"from\": \"gpt\", \"value\": \"Paris is 18\u00b0C and Rome 24\u00b0C.\"}],"
          + " \"system\": \"You are a helpful assistant.\","
          + " \"tools\": \"[{\\\"name\\\": \\\"convert_currency\\\", \\\"description\\\":"
          + " \\\"Convert an amount between currencies\\\", \\\"parameters\\\": {\\\"type\\\":"
          + " \\\"object\\\", \\\"properties\\\": {\\\"amount\\\": {\\\"type\\\": \\\"number\\\"},"
          + " \\\"from_currency\\\": {\\\"type\\\": \\\"string\\\"}, \\\"to_currency\\\":"
          + " {\\\"type\\\": \\\"string\\\"}}, \\\"required\\\": [\\\"amount\\\","
          + " \\\"from_currency\\\", \\\"to_currency\\\"]}}, {\\\"name\\\": \\\"get_weather\\\","
          + " \\\"description\\\": \\\"Weather in a city\\\", \\\"parameters\\\": {\\\"type\\\":"
          + " \\\"object\\\", \\\"properties\\\": {\\\"city\\\": {\\\"type\\\": \\\"string\\\"}},"
          + " \\\"required\\\": [\\\"city\\\"]}}]\"}";

  @Test
  void readsLlamaFactoryRecordsOneSamplePerAssistantTurn() throws Exception {
    List<Sample> got = FORMAT.read(json(LLAMA_FACTORY), "r");
    assertEquals(4, got.size());
    assertEquals(List.of("r-1", "r-2", "r-3", "r-4"), got.stream().map(Sample::id).toList());
    Sample first = got.get(0);
    assertEquals(
        List.of("convert_currency", "get_weather"),
        first.tools().stream().map(ToolSpec::name).toList());
    assertEquals(
        List.of(
            Message.system("You are a helpful assistant."),
            Message.user("Hi, I need to convert 500 USD to Euros.")),
        first.messages());
    assertEquals(
        Label.ofCalls(
            List.of(
                call(
                    "convert_currency",
                    "{\"amount\": 500, \"from_currency\": \"USD\", \"to_currency\": \"EUR\"}"))),
        first.label());
    assertEquals(json("{\"source\": \"sharegpt\"}"), first.meta());
    assertEquals(Provenance.imported(), first.provenance());

    Sample second = got.get(1);
    assertEquals(
        Message.tool(
            "convert_currency",
            "{\"converted_amount\": 425.5, \"from_currency\": \"USD\", \"to_currency\": \"EUR\"}"),
        second.messages().get(3));
    assertEquals(Label.ofText("500 USD is about 425.50 Euros."), second.label());

    assertEquals(
        Label.ofCalls(
            List.of(
                call("get_weather", "{\"city\": \"Paris\"}"),
                call("get_weather", "{\"city\": \"Rome\"}"))),
        got.get(2).label());

    List<Message> last = got.get(3).messages();
    assertEquals(
        List.of(
            Message.tool("get_weather", "{\"temp_c\": 18}"),
            Message.tool("get_weather", "{\"temp_c\": 24}")),
        last.subList(last.size() - 2, last.size()));
    assertEquals(Label.ofText("Paris is 18\u00b0C and Rome 24\u00b0C."), got.get(3).label());
    for (Sample s : got) {
      assertEquals(List.of(), SampleValidator.validate(s));
    }
  }

  @Test
  void anObservationAfterOneCallIsOneResultEvenWhenItIsAList() throws Exception {
    JsonNode r =
        json(
            "{\"conversations\": [{\"from\": \"human\", \"value\": \"Find flights\"},"
                + " {\"from\": \"function_call\", \"value\": \"{\\\"name\\\": \\\"search\\\","
                + " \\\"arguments\\\": {}}\"},"
                + " {\"from\": \"observation\", \"value\": \"[{\\\"id\\\": 1}, {\\\"id\\\": 2}]\"},"
                + " {\"from\": \"gpt\", \"value\": \"Two flights.\"}]}");
    Sample s = FORMAT.read(r, "x").get(1);
    assertEquals(Message.tool("search", "[{\"id\": 1}, {\"id\": 2}]"), s.messages().get(2));
  }

  // ---------------------------------------------------------------- (b) ToolACE

  /** As Team-ACE/ToolACE's data.json writes it: tools inside the system text, Python calls. */
  static final String TOOLACE_SYSTEM =
      "You are an expert in composing functions. You are given a question and a set of possible"
          + " functions. Based on the question, you will need to make one or more function/tool"
          + " calls to achieve the purpose.\nIf none of the function can be used, point it out. If"
          + " the given question lacks the parameters required by the function, also point it"
          + " out.\nYou should only return the function call in tools call sections.\n\nIf you"
          + " decide to invoke any of the function(s), you MUST put it in the format of"
          + " [func_name1(params_name1=params_value1, params_name2=params_value2...),"
          + " func_name2(params)]\nYou SHOULD NOT include any other text in the response.\nHere"
          + " is a list of functions in JSON format that you can invoke.\n[{\"name\": \"Market"
          + " Trends API\", \"description\": \"Get the latest market trends and relevant news\","
          + " \"parameters\": {\"type\": \"dict\", \"properties\": {\"trend_type\":"
          + " {\"description\": \"Trend type\", \"type\": \"string\"}, \"country\":"
          + " {\"description\": \"The country for which to get trends\", \"type\": \"string\","
          + " \"default\": \"us\"}}, \"required\": [\"trend_type\"]}, \"required\": null},"
          + " {\"name\": \"Stock News\", \"description\": \"News about a stock\", \"parameters\":"
          + " {\"type\": \"dict\", \"properties\": {\"symbol\": {\"description\": \"Ticker\","
          + " \"type\": \"string\"}, \"limit\": {\"description\": \"How many\", \"type\":"
          + " \"integer\"}}, \"required\": [\"symbol\"]}, \"required\": null}]. Should you decide"
          + " to return the function call(s), Put it in the format of [func1(params_name=params_value,"
          + " params_name2=params_value2...), func2(params)]\n\nNO other text MUST be included. \n";

  static ObjectNode toolAce() {
    ObjectNode r = Json.object();
    r.put("system", TOOLACE_SYSTEM);
    r.set(
        "conversations",
        json(
            "[{\"from\": \"user\", \"value\": \"What are the most active stocks in the US, and"
                + " the latest two news items on Tesla?\"},"
                + " {\"from\": \"assistant\", \"value\": \"[Market Trends API(trend_type=\\\"MOST_ACTIVE\\\","
                + " country=\\\"us\\\"), Stock News(symbol=\\\"TSLA\\\", limit=2)]\"},"
                + " {\"from\": \"tool\", \"value\": \"[{\\\"name\\\": \\\"Market Trends API\\\","
                + " \\\"results\\\": {\\\"trends\\\": [{\\\"symbol\\\": \\\"AAPL\\\"}]}},"
                + " {\\\"name\\\": \\\"Stock News\\\", \\\"results\\\": {\\\"news\\\":"
                + " [\\\"Tesla opens a plant\\\", \\\"Tesla recalls cars\\\"]}}]\"},"
                + " {\"from\": \"assistant\", \"value\": \"AAPL is the most active. Tesla opens a"
                + " plant and recalls cars.\"},"
                + " {\"from\": \"user\", \"value\": \"Any news on my other stock?\"},"
                + " {\"from\": \"assistant\", \"value\": \"Which stock do you mean? Please give me"
                + " its ticker symbol.\"}]"));
    return r;
  }

  @Test
  void readsToolAceRecordsWithToolsInTheSystemTextAndPythonCalls() throws Exception {
    List<Sample> got = FORMAT.read(toolAce(), "a");
    assertEquals(3, got.size());
    Sample first = got.get(0);
    assertEquals(
        List.of("Market Trends API", "Stock News"),
        first.tools().stream().map(ToolSpec::name).toList());
    assertEquals("dict", first.tools().get(0).parameters().type());
    assertEquals(Message.system(TOOLACE_SYSTEM), first.messages().get(0));
    assertEquals(
        Label.ofCalls(
            List.of(
                call("Market Trends API", "{\"trend_type\": \"MOST_ACTIVE\", \"country\": \"us\"}"),
                call("Stock News", "{\"symbol\": \"TSLA\", \"limit\": 2}"))),
        first.label());
    List<Message> ctx = got.get(1).messages();
    assertEquals(
        List.of(
            Message.tool("Market Trends API", "{\"trends\": [{\"symbol\": \"AAPL\"}]}"),
            Message.tool(
                "Stock News", "{\"news\": [\"Tesla opens a plant\", \"Tesla recalls cars\"]}")),
        ctx.subList(3, 5));
    assertEquals(
        Label.ofText("Which stock do you mean? Please give me its ticker symbol."),
        got.get(2).label());
    for (Sample s : got) {
      assertEquals(List.of(), SampleValidator.validate(s));
    }
  }

  // ---------------------------------------------------------------- (c) the authors' dialogues

  /** As the LoopTool authors' raw dialogues are (input to conversation_transform_grpo_qwen.py). */
  static final String AUTHORS =
      "{\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\","
          + " \"description\": \"Weather in a city\", \"parameters\": {\"type\": \"object\","
          + " \"properties\": {\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}}},"
          + " {\"name\": \"convert_currency\", \"description\": \"Convert money\", \"parameters\":"
          + " {\"type\": \"object\", \"properties\": {\"amount\": {\"type\": \"number\"}, \"to\":"
          + " {\"type\": \"string\"}}, \"required\": [\"amount\", \"to\"]}}],"
          + " \"date\": \"2024-06-12\","
          + " \"conversations\": ["
          + "{\"from\": \"user\", \"value\": \"Weather in Paris, and 10 EUR in USD?\"},"
          + " {\"from\": \"assistant\", \"value\": \"[{\\\"name\\\": \\\"get_weather\\\","
          + " \\\"arguments\\\": {\\\"city\\\": \\\"Paris\\\"}}, {\\\"name\\\":"
          + " \\\"convert_currency\\\", \\\"arguments\\\": {\\\"amount\\\": 10, \\\"to\\\":"
          + " \\\"USD\\\"}}]\"},"
          + " {\"from\": \"tool\", \"value\": [{\"name\": \"get_weather\", \"results\":"
          + " {\"temp_c\": 18, \"sky\": \"cloudy\"}}, {\"converted\": 10.8}]},"
          + " {\"from\": \"assistant\", \"value\": \"Paris is 18\u00b0C and cloudy; 10 EUR is 10.8"
          + " USD.\"},"
          + " {\"from\": \"user\", \"value\": \"And Rome?\"},"
          + " {\"from\": \"assistant\", \"value\": \"[{\\\"name\\\": \\\"get_weather\\\","
          + " \\\"arguments\\\": {\\\"city\\\": \\\"Rome\\\"}}]\"},"
          + " {\"from\": \"tool\", \"value\": \"[{\\\"name\\\": \\\"get_weather\\\","
          + " \\\"results\\\": \\\"sunny, 24C\\\"}]\"},"
          + " {\"from\": \"assistant\", \"value\": \"Rome is sunny at 24\u00b0C.\"}]}";

  @Test
  void readsTheAuthorsRawDialogues() throws Exception {
    List<Sample> got = FORMAT.read(json(AUTHORS), "d");
    assertEquals(4, got.size());
    assertEquals(json("{\"source\": \"sharegpt\", \"date\": \"2024-06-12\"}"), got.get(0).meta());
    assertEquals(
        List.of("get_weather", "convert_currency"),
        got.get(0).tools().stream().map(ToolSpec::name).toList());
    assertEquals(
        List.of(Message.user("Weather in Paris, and 10 EUR in USD?")), got.get(0).messages());
    assertEquals(
        Label.ofCalls(
            List.of(
                call("get_weather", "{\"city\": \"Paris\"}"),
                call("convert_currency", "{\"amount\": 10, \"to\": \"USD\"}"))),
        got.get(0).label());
    assertEquals(
        List.of(
            Message.tool("get_weather", "{\"temp_c\": 18, \"sky\": \"cloudy\"}"),
            Message.tool("convert_currency", "10.8")),
        got.get(1).messages().subList(2, 4));
    assertEquals(
        Label.ofCalls(List.of(call("get_weather", "{\"city\": \"Rome\"}"))), got.get(2).label());
    List<Message> last = got.get(3).messages();
    assertEquals(Message.tool("get_weather", "sunny, 24C"), last.get(last.size() - 1));
    for (Sample s : got) {
      assertEquals(List.of(), SampleValidator.validate(s));
    }
  }

  // ---------------------------------------------------------------- detection

  @Test
  void recognizesEachDialectAndNotHermesRecords() throws Exception {
    assertTrue(FORMAT.recognizes(json(LLAMA_FACTORY)));
    assertTrue(FORMAT.recognizes(toolAce()));
    assertTrue(FORMAT.recognizes(json(AUTHORS)));
    assertFalse(FORMAT.recognizes(json(HermesDatasetFormatTest.STOCKS)));
    assertFalse(FORMAT.recognizes(json("{\"messages\": [], \"label\": {}}")));
    assertEquals(FORMAT.name(), DatasetFormats.detect(json(LLAMA_FACTORY)).name());
    assertEquals(FORMAT.name(), DatasetFormats.detect(toolAce()).name());
    assertEquals(FORMAT.name(), DatasetFormats.detect(json(AUTHORS)).name());
  }

  // ---------------------------------------------------------------- round trips

  static final ToolSpec WEATHER =
      new ToolSpec(
          "get_weather",
          "Weather in a city",
          JsonSchema.builder("object")
              .property("city", JsonSchema.builder("string").build(), true)
              .property("days", JsonSchema.builder("integer").build(), false)
              .build());
  static final ToolSpec CONVERT =
      new ToolSpec(
          "convert_currency",
          "Convert money",
          JsonSchema.builder("object")
              .property("amount", JsonSchema.builder("number").build(), true)
              .property("to", JsonSchema.builder("string").build(), true)
              .build(),
          JsonSchema.builder("object")
              .property("converted", JsonSchema.builder("number").build(), true)
              .build());

  static Sample sample(List<Message> messages, Label label) {
    return new Sample(
        "s",
        List.of(WEATHER, CONVERT),
        messages,
        label,
        Provenance.imported(),
        (ObjectNode) json("{\"source\": \"sharegpt\"}"));
  }

  static Stream<Sample> roundTrips() {
    return Stream.of(
        // single call, with a system prompt
        sample(
            List.of(Message.system("Be brief."), Message.user("Weather in Paris for 3 days?")),
            Label.ofCalls(List.of(call("get_weather", "{\"city\": \"Paris\", \"days\": 3}")))),
        // parallel calls
        sample(
            List.of(Message.user("Weather in Oslo, and 12.5 EUR in \u00a5?")),
            Label.ofCalls(
                List.of(
                    call("get_weather", "{\"city\": \"Oslo\"}"),
                    call("convert_currency", "{\"amount\": 12.5, \"to\": \"JPY\"}")))),
        // multi-turn with tool responses, parallel ones among them (JSON and plain text)
        sample(
            List.of(
                Message.user("Weather in Paris and 10 EUR in USD?"),
                Message.assistant(
                    List.of(
                        call("get_weather", "{\"city\": \"Paris\"}"),
                        call("convert_currency", "{\"amount\": 10, \"to\": \"USD\"}"))),
                Message.tool("get_weather", "{\"temp_c\": 18, \"sky\": \"cloudy\"}"),
                Message.tool("convert_currency", "error: rate service down"),
                Message.assistant("Paris is 18\u00b0C; the conversion failed."),
                Message.user("Try the conversion again."),
                Message.assistant(
                    List.of(call("convert_currency", "{\"amount\": 10, \"to\": \"USD\"}"))),
                Message.tool("convert_currency", "{\"converted\":10.8}")),
            Label.ofText("10 EUR is 10.8 USD.")),
        // text answer
        sample(
            List.of(Message.user("Book me a table for two.")),
            Label.ofText("Sorry, none of my tools can book restaurants.")),
        // clarifying question
        sample(
            List.of(Message.user("What's the weather like?")),
            Label.ofText("Which city do you want the weather for?")));
  }

  @ParameterizedTest
  @MethodSource("roundTrips")
  void samplesRoundTripThroughRecords(Sample s) throws Exception {
    JsonNode record = FORMAT.write(s, 0);
    assertTrue(FORMAT.recognizes(record), record.toString());
    List<Sample> back = FORMAT.read(Json.parse(Json.compact(record)), "s");
    Sample last = back.get(back.size() - 1);
    assertEquals(s, last.withId("s"), record.toString());
    assertEquals(List.of(), SampleValidator.validate(last));
  }

  @Test
  void exportWritesLlamaFactoryShape() throws Exception {
    Sample s = roundTrips().toList().get(2);
    JsonNode r = FORMAT.write(s, 0);
    assertEquals(
        json(
            "{\"conversations\": ["
                + "{\"from\": \"human\", \"value\": \"Weather in Paris and 10 EUR in USD?\"},"
                + " {\"from\": \"function_call\", \"value\": \"[{\\\"name\\\": \\\"get_weather\\\","
                + " \\\"arguments\\\": {\\\"city\\\": \\\"Paris\\\"}}, {\\\"name\\\":"
                + " \\\"convert_currency\\\", \\\"arguments\\\": {\\\"amount\\\": 10, \\\"to\\\":"
                + " \\\"USD\\\"}}]\"},"
                + " {\"from\": \"observation\", \"value\": \"[{\\\"temp_c\\\": 18, \\\"sky\\\":"
                + " \\\"cloudy\\\"}, \\\"error: rate service down\\\"]\"},"
                + " {\"from\": \"gpt\", \"value\": \"Paris is 18\u00b0C; the conversion failed.\"},"
                + " {\"from\": \"human\", \"value\": \"Try the conversion again.\"},"
                + " {\"from\": \"function_call\", \"value\": \"{\\\"name\\\":"
                + " \\\"convert_currency\\\", \\\"arguments\\\": {\\\"amount\\\": 10, \\\"to\\\":"
                + " \\\"USD\\\"}}\"},"
                + " {\"from\": \"observation\", \"value\": \"{\\\"converted\\\":10.8}\"},"
                + " {\"from\": \"gpt\", \"value\": \"10 EUR is 10.8 USD.\"}]}"),
        withoutTools(r));
    JsonNode tools = Json.parse(r.get("tools").textValue());
    assertEquals("get_weather", tools.get(0).get("name").textValue());
    assertEquals(WEATHER.parameters().node(), tools.get(0).get("parameters"));
    assertEquals(CONVERT.returns().node(), tools.get(1).get("returns"));
    assertFalse(r.has("system"));
  }

  private static JsonNode withoutTools(JsonNode r) {
    ObjectNode copy = ((ObjectNode) r).deepCopy();
    copy.remove("tools");
    return copy;
  }

  @Test
  void exportRefusesTextBesideCalls() {
    Sample s =
        sample(
            List.of(Message.user("Weather?")),
            new Label(List.of(call("get_weather", "{\"city\": \"Paris\"}")), "Checking."));
    FormatException e = assertThrows(FormatException.class, () -> FORMAT.write(s, 0));
    assertEquals(
        "label: an assistant turn with text beside its tool calls cannot be exported to"
            + " sharegpt (function_call holds calls only)",
        e.toString());
  }

  // ---------------------------------------------------------------- malformed records

  static final String USER = "{\"from\": \"human\", \"value\": \"Weather in Paris?\"}";

  static String record(String... turns) {
    return "{\"conversations\": ["
        + String.join(", ", turns)
        + "], \"tools\": \"[{\\\"name\\\": \\\"get_weather\\\", \\\"parameters\\\": {\\\"type\\\":"
        + " \\\"object\\\", \\\"properties\\\": {\\\"city\\\": {\\\"type\\\": \\\"string\\\"}},"
        + " \\\"required\\\": [\\\"city\\\"]}}]\"}";
  }

  @Test
  void malformedRecordsAreRejectedWithFileLineFieldAndReason() throws Exception {
    ShareGptTesting.Result r =
        ShareGptTesting.importLines(
            dir,
            FORMAT,
            record(USER, "{\"from\": \"assistant\", \"value\": \"[get_weather('Paris')]\"}"),
            record(USER, "{\"from\": \"function_call\", \"value\": \"get_weather(city=Paris)\"}"),
            record(USER, "{\"from\": \"bot\", \"value\": \"hi\"}"),
            record(USER),
            record(
                USER,
                "{\"from\": \"assistant\", \"value\": \"[get_weather(city='Paris')]\"}",
                "{\"from\": \"tool\", \"value\": \"sunny\"}",
                "{\"from\": \"assistant\", \"value\": \"Sunny.\"}"),
            record(
                USER,
                "{\"from\": \"assistant\", \"value\": \"[get_weather(city='Paris')]\"}",
                "{\"from\": \"tool\", \"value\": [{\"a\": 1, \"b\": 2}]}",
                "{\"from\": \"assistant\", \"value\": \"Sunny.\"}"),
            record(USER, "{\"from\": \"assistant\", \"value\": \"[get_weather(town='Paris')]\"}"),
            "{\"conversations\": ["
                + USER
                + ", {\"from\": \"gpt\", \"value\": \"Hi\"}],"
                + " \"tools\": \"not json\"}",
            record(USER, "{\"from\": \"gpt\", \"value\": 3}"),
            record(USER, "{\"from\": \"gpt\", \"value\": \"Sunny.\"}"));
    String f = dir.resolve("in.jsonl").toString();
    assertEquals(
        List.of(
            f
                + ":1: conversations[1].value: not a Python call list [f(a=1), ...]: positional"
                + " argument in the call of 'get_weather': calls take keyword arguments only"
                + " (name=value) at character 14",
            f
                + ":2: conversations[1].value: must be a JSON call {\"name\", \"arguments\"} or a"
                + " JSON list of them; it does not parse: Unrecognized token 'get_weather': was"
                + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or"
                + " 'false')",
            f
                + ":3: conversations[1].from: unknown role 'bot' (expected human, gpt,"
                + " function_call, observation, system, or user, assistant, tool)",
            f + ":4: conversations: has no assistant turn, so there is no answer to learn",
            f
                + ":5: conversations[2].value: must be a list of tool results ({\"name\","
                + " \"results\"} or single-key objects) or a JSON string of one; it does not"
                + " parse: Unrecognized token 'sunny': was expecting (JSON String, Number, Array,"
                + " Object or token 'null', 'true' or 'false')",
            f
                + ":6: conversations[2].value[0]: a tool result must be {\"name\", \"results\"} or"
                + " an object with one key",
            f
                + ":7: label.calls[0].arguments.city: missing_required: required parameter 'city' is"
                + " missing (in sample t-000007 made from this record)",
            f
                + ":8: tools: must be a JSON list of tools; it does not parse: Unrecognized token"
                + " 'not': was expecting (JSON String, Number, Array, Object or token 'null',"
                + " 'true' or 'false')",
            f + ":9: conversations[1].value: must be a string"),
        r.errors());
    assertEquals(10, r.summary().records());
    assertEquals(9, r.summary().rejected());
    assertEquals(1, r.samples().size());
  }

  @Test
  void aSystemTurnMustComeFirstAndNotBesideASystemField() {
    FormatException late =
        assertThrows(
            FormatException.class,
            () -> FORMAT.read(json(record(USER, "{\"from\": \"system\", \"value\": \"x\"}")), "x"));
    assertEquals("conversations[1].from: a system turn may only come first", late.toString());
    FormatException both =
        assertThrows(
            FormatException.class,
            () ->
                FORMAT.read(
                    json(
                        "{\"system\": \"a\", \"conversations\": [{\"from\": \"system\","
                            + " \"value\": \"b\"}, "
                            + USER
                            + "]}"),
                    "x"));
    assertEquals(
        "conversations[0]: the record has both a system field and a system turn; keep one",
        both.toString());
  }
}

package dev.looptool.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Origin;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.validate.SampleValidator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** xlam-function-calling-60k records as Salesforce publishes them, and what they become. */
class XlamFormatTest {
  private final XlamFormat format = new XlamFormat();

  /** A RapidAPI-style record: a parameter named "type", a default, two calls of one tool. */
  static final String GIVEAWAYS =
      "{\"id\": 0, \"query\": \"Where can I find live giveaways for beta access and games?\", "
          + "\"answers\": \"[{\\\"name\\\": \\\"live_giveaways_by_type\\\", \\\"arguments\\\": {\\\"type\\\": \\\"beta\\\"}}, "
          + "{\\\"name\\\": \\\"live_giveaways_by_type\\\", \\\"arguments\\\": {\\\"type\\\": \\\"game\\\"}}]\", "
          + "\"tools\": \"[{\\\"name\\\": \\\"live_giveaways_by_type\\\", \\\"description\\\": \\\"Retrieve live giveaways from the GamerPower API based on the specified type.\\\", "
          + "\\\"parameters\\\": {\\\"type\\\": {\\\"description\\\": \\\"The type of giveaways to retrieve (e.g., game, loot, beta).\\\", \\\"type\\\": \\\"str\\\", \\\"default\\\": \\\"game\\\"}}}]\"}";

  /** A Python-function record: typed lists, a dict, an optional parameter, one call. */
  static final String LARGEST =
      "{\"id\": 41, \"query\": \"Find the 2 largest numbers in [3, 9, 4, 7].\", "
          + "\"answers\": \"[{\\\"name\\\": \\\"find_n_largest_numbers\\\", \\\"arguments\\\": {\\\"nums\\\": [3, 9, 4, 7], \\\"n\\\": 2}}]\", "
          + "\"tools\": \"[{\\\"name\\\": \\\"find_n_largest_numbers\\\", \\\"description\\\": \\\"Finds the n largest numbers in a list.\\\", "
          + "\\\"parameters\\\": {\\\"nums\\\": {\\\"description\\\": \\\"The list of numbers.\\\", \\\"type\\\": \\\"List[int]\\\"}, "
          + "\\\"n\\\": {\\\"description\\\": \\\"The number of largest numbers to find.\\\", \\\"type\\\": \\\"int\\\"}}}, "
          + "{\\\"name\\\": \\\"merge_dictionaries\\\", \\\"description\\\": \\\"Merges two dictionaries into a single dictionary.\\\", "
          + "\\\"parameters\\\": {\\\"dict1\\\": {\\\"description\\\": \\\"The first dictionary.\\\", \\\"type\\\": \\\"Dict\\\"}, "
          + "\\\"dict2\\\": {\\\"description\\\": \\\"The second dictionary.\\\", \\\"type\\\": \\\"Dict\\\"}}}, "
          + "{\\\"name\\\": \\\"format_date\\\", \\\"description\\\": \\\"Converts a date string from one format to another.\\\", "
          + "\\\"parameters\\\": {\\\"date\\\": {\\\"description\\\": \\\"The date string to convert.\\\", \\\"type\\\": \\\"str\\\"}, "
          + "\\\"output_format\\\": {\\\"description\\\": \\\"The desired output format.\\\", \\\"type\\\": \\\"str, optional\\\"}}}]\"}";

  /** From the irrelevance set: no offered tool serves the query. */
  static final String IRRELEVANT =
      "{\"id\": 7, \"query\": \"Book me a table for two at an Italian place tonight.\", "
          + "\"answers\": \"[]\", "
          + "\"tools\": \"[{\\\"name\\\": \\\"get_weather\\\", \\\"description\\\": \\\"Current weather for a city.\\\", "
          + "\\\"parameters\\\": {\\\"city\\\": {\\\"description\\\": \\\"City name.\\\", \\\"type\\\": \\\"str\\\"}}}]\"}";

  private Sample one(String record) throws Exception {
    List<Sample> got = format.read(Json.parse(record), "x-000001");
    assertEquals(1, got.size());
    Sample s = got.get(0);
    assertEquals(List.of(), SampleValidator.validate(s));
    return s;
  }

  @Test
  void rapidApiRecordBecomesParallelCallsWithDefaultParameterOptional() throws Exception {
    Sample s = one(GIVEAWAYS);
    assertEquals("x-000001", s.id());
    assertEquals(
        List.of(Message.user("Where can I find live giveaways for beta access and games?")),
        s.messages());
    assertEquals(1, s.tools().size());
    assertEquals("live_giveaways_by_type", s.tools().get(0).name());
    assertEquals(
        "Retrieve live giveaways from the GamerPower API based on the specified type.",
        s.tools().get(0).description());
    assertEquals(
        Json.parse(
            "{\"type\":\"object\",\"properties\":{\"type\":{\"type\":\"string\","
                + "\"description\":\"The type of giveaways to retrieve (e.g., game, loot, beta).\","
                + "\"default\":\"game\"}},\"required\":[]}"),
        s.tools().get(0).parameters().node());
    assertEquals(
        List.of(
            ToolCall.of("live_giveaways_by_type", (ObjectNode) Json.parse("{\"type\":\"beta\"}")),
            ToolCall.of("live_giveaways_by_type", (ObjectNode) Json.parse("{\"type\":\"game\"}"))),
        s.label().calls());
    assertNull(s.label().text());
    assertEquals(Origin.IMPORTED, s.provenance().origin());
    assertEquals(
        Json.parse("{\"source\":\"xlam\",\"sourceId\":0,\"shape\":\"parallel\"}"), s.meta());
  }

  @Test
  void pythonTypesBecomeJsonSchemaWithRequiredUnlessOptional() throws Exception {
    Sample s = one(LARGEST);
    assertEquals(
        Json.parse(
            "{\"type\":\"object\",\"properties\":{"
                + "\"nums\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"description\":\"The list of numbers.\"},"
                + "\"n\":{\"type\":\"integer\",\"description\":\"The number of largest numbers to find.\"}},"
                + "\"required\":[\"nums\",\"n\"]}"),
        s.tools().get(0).parameters().node());
    assertEquals(
        List.of("object", "object"),
        s.tools().get(1).parameters().properties().values().stream().map(p -> p.type()).toList());
    assertEquals(List.of("date"), s.tools().get(2).parameters().required());
    assertEquals("single", s.meta().get("shape").asText());
    assertEquals(41, s.meta().get("sourceId").intValue());
  }

  @Test
  void emptyAnswersAreTheNoToolTextLabel() throws Exception {
    Sample s = one(IRRELEVANT);
    assertTrue(s.label().isText());
    assertEquals(XlamFormat.NO_TOOL_TEXT, s.label().text());
    assertEquals("no_tool", s.meta().get("shape").asText());
    // what a trainer reads back from looptool's own file
    assertEquals(s, SampleJson.read(SampleJson.toTree(s)));
  }

  @Test
  void toolsAndAnswersMayBeArraysAndParametersJsonSchema() throws Exception {
    String record =
        "{\"id\": \"a-9\", \"query\": \"Weather in Oslo?\", "
            + "\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\": \"Weather.\", "
            + "\"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}}}], "
            + "\"answers\": [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\"}}]}";
    Sample s = one(record);
    assertEquals(
        Json.parse(
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"),
        s.tools().get(0).parameters().node());
    assertEquals("a-9", s.meta().get("sourceId").asText());
    assertEquals("Oslo", s.label().calls().get(0).arguments().get("city").asText());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "str | {\"type\":\"string\"} | false",
        "int | {\"type\":\"integer\"} | false",
        "float | {\"type\":\"number\"} | false",
        "bool | {\"type\":\"boolean\"} | false",
        "str, optional | {\"type\":\"string\"} | true",
        "int, default=10 | {\"type\":\"integer\"} | true",
        "List[str] | {\"type\":\"array\",\"items\":{\"type\":\"string\"}} | false",
        "list | {\"type\":\"array\"} | false",
        "Tuple[float, float] | {\"type\":\"array\",\"items\":{\"type\":\"number\"}} | false",
        "Tuple[int, str] | {\"type\":\"array\"} | false",
        "Set[int] | {\"type\":\"array\",\"items\":{\"type\":\"integer\"}} | false",
        "List[List[int]] | {\"type\":\"array\",\"items\":{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}} | false",
        "List[Dict[str, Any]] | {\"type\":\"array\",\"items\":{\"type\":\"object\"}} | false",
        "List[Any] | {\"type\":\"array\"} | false",
        "Dict[str, Any] | {\"type\":\"object\"} | false",
        "Dict[str, int], optional | {\"type\":\"object\"} | true",
        "Any | {} | false",
        "Callable | {} | false",
        "Optional[str] | {\"type\":[\"string\",\"null\"]} | true",
        "Union[int, float] | {\"type\":\"number\"} | false",
        "Union[int, str] | {\"type\":[\"integer\",\"string\"]} | false",
        "int or float | {\"type\":\"number\"} | false",
        "typing.List[int] | {\"type\":\"array\",\"items\":{\"type\":\"integer\"}} | false",
        "str, e.g. 'abc' | {} | false",
      })
  void pythonTypeNames(String annotation, String schema, boolean optional) throws Exception {
    XlamTypes.Parsed p = XlamTypes.parse(annotation);
    assertEquals(Json.parse(schema), p.schema());
    assertEquals(optional, p.optional());
  }

  @Test
  void explicitRequiredWinsAndOtherKeywordsAreKept() throws Exception {
    ObjectNode params =
        (ObjectNode)
            Json.parse(
                "{\"unit\": {\"type\": \"str\", \"enum\": [\"c\", \"f\"], \"required\": true, \"default\": \"c\"},"
                    + " \"q\": {\"description\": \"anything\", \"required\": false}}");
    assertEquals(
        Json.parse(
            "{\"type\":\"object\",\"properties\":{"
                + "\"unit\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"],\"default\":\"c\"},"
                + "\"q\":{\"description\":\"anything\"}},\"required\":[\"unit\"]}"),
        XlamFormat.schemaOf(params, "tools[0].parameters"));
  }

  @Test
  void detectedByItsKeysAndByNoOtherFormat() throws Exception {
    for (String r : List.of(GIVEAWAYS, LARGEST, IRRELEVANT)) {
      JsonNode record = Json.parse(r);
      assertSame(XlamFormat.class, DatasetFormats.detect(record).getClass());
    }
    assertFalse(format.recognizes(Json.parse("{\"messages\": [{\"role\": \"user\"}]}")));
    assertFalse(format.writable());
  }

  @Test
  void malformedRecordsAreRejectedWithFileLineFieldAndReason(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("xlam.jsonl");
    String badParam =
        "{\"id\": 3, \"query\": \"q\", \"answers\": \"[]\", "
            + "\"tools\": \"[{\\\"name\\\": \\\"f\\\", \\\"parameters\\\": {\\\"x\\\": \\\"str\\\"}}]\"}";
    String badType =
        "{\"id\": 4, \"query\": \"Top 2 of [1, 2, 3]\", "
            + "\"answers\": \"[{\\\"name\\\": \\\"find_n_largest_numbers\\\", \\\"arguments\\\": {\\\"nums\\\": [1, 2, 3], \\\"n\\\": \\\"2\\\"}}]\", "
            + "\"tools\": \"[{\\\"name\\\": \\\"find_n_largest_numbers\\\", \\\"parameters\\\": {\\\"nums\\\": {\\\"type\\\": \\\"List[int]\\\"}, \\\"n\\\": {\\\"type\\\": \\\"int\\\"}}}]\"}";
    Files.writeString(
        file,
        String.join(
                "\n",
                GIVEAWAYS,
                "{\"id\": 1, \"query\": \"q\", \"answers\": \"[{\\\"name\\\": \", \"tools\": \"[]\"}",
                "{\"id\": 2, \"query\": \"\", \"answers\": \"[]\", \"tools\": \"[]\"}",
                badParam,
                badType,
                "{\"id\": 5, \"query\": \"q\", \"answers\": {\"name\": \"f\"}, \"tools\": \"[]\"}",
                "{\"id\": 6, \"query\": \"q\", \"answers\": \"[{\\\"arguments\\\": {}}]\", \"tools\": \"[]\"}",
                IRRELEVANT)
            + "\n");
    List<String> errors = new ArrayList<>();
    ByteArrayOutputStream samples = new ByteArrayOutputStream();
    ByteArrayOutputStream rejects = new ByteArrayOutputStream();
    DatasetImport.Summary summary =
        DatasetImport.run(file, null, "x", samples, rejects, e -> errors.add(e.toString()));
    String f = file.toString();
    assertEquals(
        List.of(
            f
                + ":2: answers: string is not valid JSON: Unexpected end-of-input within/between"
                + " Object entries",
            f + ":3: query: must not be empty",
            f
                + ":4: tools[0].parameters.x: must be an object {description, type, default} (or"
                + " parameters must be a JSON Schema with \"type\": \"object\")",
            f
                + ":5: label.calls[0].arguments.n: wrong_type: expected integer, got string \"2\""
                + " (in sample x-000005 made from this record)",
            f + ":6: answers: must be a JSON array, or a string holding one",
            f + ":7: answers[0].name: required"),
        errors);
    assertEquals(8, summary.records());
    assertEquals(2, summary.samples());
    assertEquals(6, summary.rejected());
    assertEquals("xlam", summary.format());
    String[] lines = rejects.toString(StandardCharsets.UTF_8).split("\n");
    JsonNode firstReject = Json.parse(lines[0]);
    assertEquals(2, firstReject.get("line").intValue());
    assertEquals(1, firstReject.get("record").get("id").intValue());
    String[] out = samples.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals("x-000001", Json.parse(out[0]).get("id").asText());
    assertEquals("x-000008", Json.parse(out[1]).get("id").asText());
  }
}

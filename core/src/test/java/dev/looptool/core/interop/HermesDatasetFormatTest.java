package dev.looptool.core.interop;

import static dev.looptool.core.testing.Fixtures.call;
import static dev.looptool.core.testing.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.validate.SampleValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HermesDatasetFormatTest {
  static final HermesDatasetFormat FORMAT = new HermesDatasetFormat();

  @TempDir Path dir;

  static final String PREAMBLE =
      "You are a function calling AI model. You are provided with function signatures within"
          + " <tools> </tools> XML tags. You may call one or more functions to assist with the user"
          + " query. Don't make assumptions about what values to plug into functions.\\n<tools>\\n";
  static final String POSTAMBLE =
      "\\n</tools>\\nFor each function call return a json object with function name and arguments"
          + " within <tool_call> </tool_call> tags with the following schema:\\n<tool_call>\\n"
          + "{'arguments': <args-dict>, 'name': <function-name>}\\n</tool_call>\\n";

  /** As func-calling.json writes a record: Python reprs throughout, parallel calls. */
  static final String STOCKS =
      "{\"id\": \"85f6c398-69c7-4df2-aed1-29d614a93a26\", \"conversations\": ["
          + "{\"from\": \"system\", \"value\": \""
          + PREAMBLE
          + "[{'type': 'function', 'function': {'name': 'get_stock_price', 'description': 'Get the"
          + " current stock price of a company', 'parameters': {'type': 'object', 'properties':"
          + " {'symbol': {'type': 'string', 'description': 'The stock symbol of the company'}},"
          + " 'required': ['symbol']}}}, {'type': 'function', 'function': {'name':"
          + " 'get_company_news', 'description': \\\"Get a company's latest news\\\","
          + " 'parameters': {'type': 'object', 'properties': {'company': {'type': 'string'},"
          + " 'limit': {'type': 'integer'}}, 'required': ['company']}}}]"
          + POSTAMBLE
          + "\"},"
          + " {\"from\": \"human\", \"value\": \"What are Apple's and Microsoft's stock prices?\"},"
          + " {\"from\": \"gpt\", \"value\": \"<tool_call>\\n{'arguments': {'symbol': 'AAPL'},"
          + " 'name': 'get_stock_price'}\\n</tool_call>\\n<tool_call>\\n{'arguments': {'symbol':"
          + " 'MSFT'}, 'name': 'get_stock_price'}\\n</tool_call>\"},"
          + " {\"from\": \"tool\", \"value\": \"<tool_response>\\n{'name': 'get_stock_price',"
          + " 'content': {'symbol': 'AAPL', 'price': 150.75}}\\n</tool_response>\\n"
          + "<tool_response>\\n{'name': 'get_stock_price', 'content': {'symbol': 'MSFT', 'price':"
          + " 216.54}}\\n</tool_response>\"},"
          + " {\"from\": \"gpt\", \"value\": \"Apple (AAPL) trades at $150.75 and Microsoft (MSFT)"
          + " at $216.54.\"},"
          + " {\"from\": \"human\", \"value\": \"Any news on Apple? Just two items.\"},"
          + " {\"from\": \"gpt\", \"value\": \"<tool_call>\\n{'arguments': {'company': 'Apple',"
          + " 'limit': 2}, 'name': 'get_company_news'}\\n</tool_call>\"}],"
          + " \"category\": \"Information Extraction\", \"subcategory\": \"Stock Market\","
          + " \"task\": \"Stock Price Lookup\"}";

  @Test
  void readsPythonReprRecords() throws Exception {
    List<Sample> got = FORMAT.read(json(STOCKS), "h");
    assertEquals(3, got.size());
    Sample first = got.get(0);
    assertEquals(
        List.of("get_stock_price", "get_company_news"),
        first.tools().stream().map(ToolSpec::name).toList());
    assertEquals("Get a company's latest news", first.tools().get(1).description());
    assertEquals(List.of("company"), first.tools().get(1).parameters().required());
    assertEquals(Role.SYSTEM, first.messages().get(0).role());
    assertTrue(first.messages().get(0).content().startsWith("You are a function calling AI"));
    assertEquals(
        Label.ofCalls(
            List.of(
                call("get_stock_price", "{\"symbol\": \"AAPL\"}"),
                call("get_stock_price", "{\"symbol\": \"MSFT\"}"))),
        first.label());
    assertEquals(
        json(
            "{\"source\": \"hermes\", \"sourceId\": \"85f6c398-69c7-4df2-aed1-29d614a93a26\","
                + " \"category\": \"Information Extraction\", \"subcategory\": \"Stock Market\","
                + " \"task\": \"Stock Price Lookup\"}"),
        first.meta());
    List<Message> ctx = got.get(1).messages();
    assertEquals(
        List.of(
            Message.tool("get_stock_price", "{\"symbol\": \"AAPL\", \"price\": 150.75}"),
            Message.tool("get_stock_price", "{\"symbol\": \"MSFT\", \"price\": 216.54}")),
        ctx.subList(3, 5));
    assertEquals(
        Label.ofText("Apple (AAPL) trades at $150.75 and Microsoft (MSFT) at $216.54."),
        got.get(1).label());
    assertEquals(
        Label.ofCalls(List.of(call("get_company_news", "{\"company\": \"Apple\", \"limit\": 2}"))),
        got.get(2).label());
    for (Sample s : got) {
      assertEquals(List.of(), SampleValidator.validate(s));
    }
  }

  /** The JSON variant: one tool per line in the block, JSON call bodies, text beside a call. */
  @Test
  void readsJsonRecordsWithOneToolPerLine() throws Exception {
    String r =
        "{\"id\": 7, \"conversations\": [{\"from\": \"system\", \"value\": \""
            + PREAMBLE
            + "{\\\"type\\\": \\\"function\\\", \\\"function\\\": {\\\"name\\\": \\\"search\\\","
            + " \\\"description\\\": \\\"Search\\\", \\\"parameters\\\": {\\\"type\\\": \\\"object\\\","
            + " \\\"properties\\\": {\\\"q\\\": {\\\"type\\\": \\\"string\\\"}}, \\\"required\\\":"
            + " [\\\"q\\\"]}}}\\n{'type': 'function', 'function': {'name': 'ping', 'description':"
            + " '', 'parameters': {'type': 'object', 'properties': {}}}}"
            + POSTAMBLE
            + "\"}, {\"from\": \"human\", \"value\": \"Look up \u00e9t\u00e9\"},"
            + " {\"from\": \"gpt\", \"value\": \"Searching now.\\n<tool_call>\\n{\\\"name\\\":"
            + " \\\"search\\\", \\\"arguments\\\": {\\\"q\\\": \\\"\u00e9t\u00e9\\\"}}\\n</tool_call>\"},"
            + " {\"from\": \"tool\", \"value\": \"<tool_response>\\nno results\\n</tool_response>\"},"
            + " {\"from\": \"gpt\", \"value\": \"Nothing found.\"}]}";
    List<Sample> got = FORMAT.read(json(r), "j");
    assertEquals(2, got.size());
    assertEquals(
        List.of("search", "ping"), got.get(0).tools().stream().map(ToolSpec::name).toList());
    assertEquals(
        new Label(List.of(call("search", "{\"q\": \"\u00e9t\u00e9\"}")), "Searching now."),
        got.get(0).label());
    assertEquals(Message.tool("search", "no results"), got.get(1).messages().get(3));
    assertEquals("7", got.get(0).meta().get("sourceId").textValue());
    for (Sample s : got) {
      assertEquals(List.of(), SampleValidator.validate(s));
    }
  }

  @Test
  void detectionSeparatesHermesFromShareGpt() throws Exception {
    assertTrue(FORMAT.recognizes(json(STOCKS)));
    assertEquals("hermes", DatasetFormats.detect(json(STOCKS)).name());
    ObjectNode onlyCall = (ObjectNode) json(STOCKS);
    ((ObjectNode) onlyCall.get("conversations").get(0)).put("value", "You are helpful.");
    assertTrue(FORMAT.recognizes(onlyCall), "a <tool_call> in a gpt turn is enough");
    assertFalse(new ShareGptFormat().recognizes(onlyCall));
    for (JsonNode r :
        List.of(
            json(ShareGptFormatTest.LLAMA_FACTORY),
            ShareGptFormatTest.toolAce(),
            json(ShareGptFormatTest.AUTHORS))) {
      assertFalse(FORMAT.recognizes(r));
    }
  }

  // ---------------------------------------------------------------- malformed records

  static String record(String system, String... turns) {
    return "{\"id\": \"x\", \"conversations\": [{\"from\": \"system\", \"value\": \""
        + PREAMBLE
        + system
        + POSTAMBLE
        + "\"}, {\"from\": \"human\", \"value\": \"Price of AAPL?\"}, "
        + String.join(", ", turns)
        + "]}";
  }

  static final String TOOL =
      "[{'type': 'function', 'function': {'name': 'get_stock_price', 'description': 'Price',"
          + " 'parameters': {'type': 'object', 'properties': {'symbol': {'type': 'string'}},"
          + " 'required': ['symbol']}}}]";
  static final String CALL =
      "{\"from\": \"gpt\", \"value\": \"<tool_call>\\n{'arguments': {'symbol': 'AAPL'}, 'name':"
          + " 'get_stock_price'}\\n</tool_call>\"}";

  @Test
  void malformedRecordsAreRejectedWithFileLineFieldAndReason() throws Exception {
    ShareGptTesting.Result r =
        ShareGptTesting.importLines(
            dir,
            FORMAT,
            record(TOOL, "{\"from\": \"gpt\", \"value\": \"<tool_call>\\n{'name': 'x',}\"}"),
            record(
                TOOL,
                "{\"from\": \"gpt\", \"value\": \"<tool_call>\\n{'arguments': {'symbol': AAPL},"
                    + " 'name': 'get_stock_price'}\\n</tool_call>\"}"),
            record("[{'type': 'function', 'function': {'name': 'f'}}", CALL),
            record(
                TOOL,
                CALL,
                "{\"from\": \"tool\", \"value\": \"<tool_response>\\n{}\\n</tool_response>"
                    + " and more\"}",
                "{\"from\": \"gpt\", \"value\": \"Done.\"}"),
            record(TOOL, "{\"from\": \"observation\", \"value\": \"x\"}"),
            record(
                TOOL,
                "{\"from\": \"gpt\", \"value\": \"<tool_call>\\n{'arguments': {}, 'name':"
                    + " 'get_stock_price'}\\n</tool_call>\"}"),
            record(TOOL, "{\"from\": \"gpt\", \"value\": \"<tool_call>\\n[1]\\n</tool_call>\"}"),
            record(TOOL, CALL));
    String f = dir.resolve("in.jsonl").toString();
    assertEquals(
        List.of(
            f + ":1: conversations[2].value: <tool_call> block is not closed",
            f
                + ":2: conversations[2].value: a <tool_call> block is neither JSON nor a Python"
                + " literal: 'AAPL' is not a Python literal at character 26 of the block",
            f
                + ":3: conversations[0].value: the <tools> block is not a list of tools: the list"
                + " opened at character 2 is not closed with ']' at character 51 of the block",
            f + ":4: conversations[3].value: text outside the <tool_response> blocks: 'and more'",
            f
                + ":5: conversations[2].from: unknown role 'observation' (expected system, human,"
                + " gpt or tool)",
            f
                + ":6: label.calls[0].arguments.symbol: missing_required: required parameter"
                + " 'symbol' is missing (in sample t-000006 made from this record)",
            f + ":7: conversations[2].value: tool call must be a JSON object"),
        r.errors());
    assertEquals(1, r.samples().size());
  }
}

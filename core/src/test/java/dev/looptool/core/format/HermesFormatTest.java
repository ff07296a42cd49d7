package dev.looptool.core.format;

import static dev.looptool.core.testing.Fixtures.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.model.Message;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class HermesFormatTest {

  @Test
  void callBlockUsesPythonJsonSpacing() {
    assertEquals(
        "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"days\": [1, 2]}}\n</tool_call>",
        HermesFormat.callBlock(call("get_weather", "{\"city\":\"Paris\",\"days\":[1,2]}")));
  }

  @Test
  void renderedCallsParseBack() {
    List<ToolCall> calls =
        List.of(call("a", "{\"x\":\"q\\\"uote\\n\",\"n\":1.5}"), call("b", "{}"));
    ParsedOutput p = HermesFormat.parse(HermesFormat.assistantText("Sure.", calls));
    assertTrue(p.parsed());
    assertEquals(calls, p.calls());
    assertEquals("Sure.", p.text());
  }

  @Test
  void parserToleratesWhitespaceAndStringArguments() {
    ParsedOutput p =
        HermesFormat.parse(
            "  <tool_call>   {\"name\":\"a\",\"arguments\":\"{\\\"x\\\": 2}\"}  </tool_call>\n\n<tool_call>{\"name\":\"b\"}</tool_call>  ");
    assertTrue(p.parsed(), p.error());
    assertEquals(List.of(call("a", "{\"x\":2}"), call("b", "{}")), p.calls());
    assertEquals("", p.text());
  }

  @Test
  void thinkingIsStrippedIncludingAnUnopenedPrefix() {
    assertEquals("answer", HermesFormat.stripThinking("<think>a</think>answer").strip());
    assertEquals("answer", HermesFormat.stripThinking("reasoning only</think>answer").strip());
    assertEquals("x  y", HermesFormat.stripThinking("x <think>1</think> y<think>unterminated"));
  }

  @Test
  void malformedCallsAreFailureValues() {
    for (String bad :
        List.of(
            "<tool_call>{\"name\": \"a\", \"arguments\": {}</tool_call>",
            "<tool_call>{\"arguments\": {}}</tool_call>",
            "<tool_call>{\"name\": \"a\", \"arguments\": [1]}</tool_call>",
            "<tool_call>{\"name\": \"a\"}",
            "{\"name\": \"a\"}</tool_call>",
            "<tool_call>[]</tool_call>")) {
      ParsedOutput p = HermesFormat.parse(bad);
      assertFalse(p.parsed(), bad);
      assertNotNull(p.error());
      assertTrue(p.calls().isEmpty());
    }
  }

  @Test
  void promptHasToolsLinesAndGroupedToolResponses() {
    String prompt =
        HermesFormat.prompt(
            List.of(Fixtures.weatherTool()),
            List.of(
                Message.system("Be brief."),
                Message.user("Weather in Paris and Rome?"),
                Message.assistant(
                    List.of(
                        call("get_weather", "{\"city\":\"Paris\"}"),
                        call("get_weather", "{\"city\":\"Rome\"}"))),
                Message.tool("get_weather", "{\"temp\": 20}"),
                Message.tool("get_weather", "{\"temp\": 25}")));
    assertTrue(prompt.startsWith("<|im_start|>system\nBe brief.\n\n# Tools\n"), prompt);
    assertTrue(
        prompt.contains(
            "<tools>\n{\"type\": \"function\", \"function\": {\"name\": \"get_weather\""),
        prompt);
    assertTrue(
        prompt.contains(
            "<|im_start|>user\n<tool_response>\n{\"temp\": 20}\n</tool_response>\n<tool_response>\n{\"temp\": 25}\n</tool_response><|im_end|>"),
        prompt);
    assertTrue(prompt.endsWith("<|im_start|>assistant\n"));
  }
}

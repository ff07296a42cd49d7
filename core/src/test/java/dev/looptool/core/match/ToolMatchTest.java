package dev.looptool.core.match;

import static dev.looptool.core.testing.Fixtures.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.model.Label;
import dev.looptool.core.model.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolMatchTest {

  private static boolean match(List<ToolCall> a, List<ToolCall> b) {
    return ToolMatch.matches(a, b);
  }

  @Test
  void callOrderIsFree() {
    assertTrue(
        match(
            List.of(call("a", "{\"x\":1}"), call("b", "{}")),
            List.of(call("b", "{}"), call("a", "{\"x\":1}"))));
  }

  @Test
  void multiplicityCounts() {
    assertFalse(
        match(
            List.of(call("a", "{\"x\":1}"), call("a", "{\"x\":1}")),
            List.of(call("a", "{\"x\":1}"), call("a", "{\"x\":2}"))));
    assertFalse(match(List.of(call("a", "{}")), List.of(call("a", "{}"), call("a", "{}"))));
    assertTrue(
        match(
            List.of(call("a", "{\"x\":1}"), call("a", "{\"x\":1}")),
            List.of(call("a", "{\"x\":1}"), call("a", "{\"x\":1}"))));
  }

  @Test
  void namesMustBeEqual() {
    assertFalse(match(List.of(call("get_weather", "{}")), List.of(call("getWeather", "{}"))));
  }

  @Test
  void argumentKeyOrderIsIgnored() {
    assertTrue(
        match(
            List.of(call("a", "{\"x\":1,\"y\":{\"p\":true,\"q\":\"s\"}}")),
            List.of(call("a", "{\"y\":{\"q\":\"s\",\"p\":true},\"x\":1}"))));
  }

  @Test
  void numbersCompareByValue() {
    assertTrue(match(List.of(call("a", "{\"x\":1}")), List.of(call("a", "{\"x\":1.0}"))));
    assertTrue(match(List.of(call("a", "{\"x\":2.50}")), List.of(call("a", "{\"x\":2.5}"))));
    assertFalse(match(List.of(call("a", "{\"x\":1}")), List.of(call("a", "{\"x\":1.01}"))));
  }

  @Test
  void booleansNeverEqualNumbers() {
    assertFalse(match(List.of(call("a", "{\"x\":true}")), List.of(call("a", "{\"x\":1}"))));
    assertFalse(match(List.of(call("a", "{\"x\":false}")), List.of(call("a", "{\"x\":0}"))));
  }

  @Test
  void stringsCompareExactly() {
    assertFalse(
        match(List.of(call("a", "{\"x\":\"Paris\"}")), List.of(call("a", "{\"x\":\"paris\"}"))));
    assertFalse(
        match(List.of(call("a", "{\"x\":\"Paris \"}")), List.of(call("a", "{\"x\":\"Paris\"}"))));
    assertFalse(match(List.of(call("a", "{\"x\":\"1\"}")), List.of(call("a", "{\"x\":1}"))));
  }

  @Test
  void listOrderCounts() {
    assertFalse(match(List.of(call("a", "{\"x\":[1,2]}")), List.of(call("a", "{\"x\":[2,1]}"))));
    assertTrue(match(List.of(call("a", "{\"x\":[1,2.0]}")), List.of(call("a", "{\"x\":[1.0,2]}"))));
  }

  @Test
  void missingOrExtraArgumentsDoNotMatch() {
    assertFalse(match(List.of(call("a", "{\"x\":1}")), List.of(call("a", "{\"x\":1,\"y\":null}"))));
    assertFalse(match(List.of(call("a", "{\"x\":1,\"y\":2}")), List.of(call("a", "{\"x\":1}"))));
  }

  @Test
  void noCallLabelMatchesNoCallPrediction() {
    Label text = Label.ofText("Which city do you mean?");
    assertTrue(ToolMatch.matches("Could you tell me the city?", text));
    assertFalse(
        ToolMatch.matches("<tool_call>\n{\"name\": \"a\", \"arguments\": {}}\n</tool_call>", text));
  }

  @Test
  void thinkingIsRemovedBeforeParsing() {
    Label label = Label.ofCalls(List.of(call("a", "{\"x\":1}")));
    String out =
        "<think>maybe <tool_call>{\"name\":\"b\"}</tool_call>?</think>\n<tool_call>\n{\"name\": \"a\", \"arguments\": {\"x\": 1}}\n</tool_call>";
    assertTrue(ToolMatch.matches(out, label));
    assertEquals(1.0, ToolMatch.reward(out, label));
  }

  @Test
  void unparseableScoresZero() {
    Label label = Label.ofCalls(List.of(call("a", "{\"x\":1}")));
    assertEquals(
        0.0,
        ToolMatch.reward(
            "<tool_call>\n{\"name\": \"a\", \"arguments\": {\"x\": 1}\n</tool_call>", label));
    assertEquals(
        0.0, ToolMatch.reward("<tool_call>\n{\"name\": \"a\", \"arguments\": {\"x\": 1}}", label));
    // An unparseable answer does not match a text label either.
    assertFalse(ToolMatch.matches("<tool_call>{oops</tool_call>", Label.ofText("hi")));
  }
}

package dev.looptool.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiWireTest {
  @Test
  void toolCallsCarryNumberedIdsAndArgumentsAsAJsonString() {
    ObjectNode message = Json.object();
    OpenAiWire.putToolCalls(
        message,
        List.of(Fixtures.call("get_weather", "{\"city\":\"Oslo\"}"), Fixtures.call("noop", "{}")),
        "call_7_");
    assertEquals(
        "{\"tool_calls\":["
            + "{\"id\":\"call_7_0\",\"type\":\"function\","
            + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}},"
            + "{\"id\":\"call_7_1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"noop\",\"arguments\":\"{}\"}}]}",
        Json.compact(message));
  }
}

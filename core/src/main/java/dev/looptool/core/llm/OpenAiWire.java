package dev.looptool.core.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.ToolCall;
import java.util.List;

/**
 * The OpenAI chat API's tool calls on the wire, written one way by the client's requests and by the
 * responses of the fake and the built-in model servers: {@code {id, type: "function", function:
 * {name, arguments}}}, the arguments as a JSON-encoded string, as the API carries them (the
 * fine-tuning files of {@code OpenAiFormat} keep them as objects instead).
 */
public final class OpenAiWire {
  private OpenAiWire() {}

  /** Puts {@code calls} as {@code message.tool_calls}, with ids {@code idPrefix + index}. */
  public static ArrayNode putToolCalls(ObjectNode message, List<ToolCall> calls, String idPrefix) {
    ArrayNode out = message.putArray("tool_calls");
    for (int i = 0; i < calls.size(); i++) {
      ToolCall call = calls.get(i);
      ObjectNode t = out.addObject();
      t.put("id", idPrefix + i);
      t.put("type", "function");
      t.putObject("function")
          .put("name", call.name())
          .put("arguments", Json.compact(call.arguments()));
    }
    return out;
  }
}

package dev.looptool.core.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * NousResearch's hermes-function-calling-v1: ShareGPT turns (system, human, gpt, tool) whose system
 * turn lists the tools inside {@code <tools>}, whose gpt turns call them in {@code <tool_call>}
 * blocks and whose tool turns answer in {@code <tool_response>} blocks; tools, calls and responses
 * are Python reprs (single quotes) or JSON. {@code category}, {@code subcategory} and {@code task}
 * go into each sample's meta. The system text is kept whole.
 */
public final class HermesDatasetFormat implements DatasetFormat {
  public static final String NAME = "hermes";

  /** Block bodies as JSON, else as a Python literal. */
  private static final HermesFormat.CallSyntax JSON_OR_PYTHON =
      body -> {
        try {
          return literal(body);
        } catch (PythonLiterals.SyntaxException e) {
          throw new IllegalArgumentException(
              "a <tool_call> block is neither JSON nor a Python literal: "
                  + e.getMessage()
                  + " of the block");
        }
      };

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "NousResearch hermes-function-calling-v1: ShareGPT turns with <tools>, <tool_call> and"
        + " <tool_response> blocks";
  }

  @Override
  public boolean recognizes(JsonNode record) {
    return ShareGptFormat.isConversationRecord(record) && hasHermesMarkers(record);
  }

  /** Whether a system turn lists {@code <tools>} or a gpt turn makes a {@code <tool_call>}. */
  static boolean hasHermesMarkers(JsonNode record) {
    for (JsonNode turn : record.path("conversations")) {
      String from = turn.path("from").asText("");
      String value = turn.path("value").asText("");
      if ((from.equals("system") && value.contains(HermesFormat.TOOLS_OPEN))
          || (from.equals("gpt") && value.contains(HermesFormat.CALL_OPEN))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Sample> read(JsonNode record, String id) throws FormatException {
    JsonNode turns = ShareGptFormat.turns(record);
    ObjectNode meta = ShareGptFormat.meta(record, NAME);
    for (String key : List.of("category", "subcategory", "task")) {
      JsonNode v = record.get(key);
      if (v != null && !v.isNull()) {
        meta.set(key, v);
      }
    }
    List<ToolSpec> tools = List.of();
    List<Message> messages = new ArrayList<>();
    List<ToolCall> lastCalls = List.of();
    for (int i = 0; i < turns.size(); i++) {
      String path = "conversations[" + i + "]";
      String from = ShareGptFormat.from(turns.get(i), path);
      String vpath = path + ".value";
      String value = ShareGptFormat.text(turns.get(i).get("value"), vpath);
      switch (from) {
        case "system":
          if (i != 0) {
            throw new FormatException(path + ".from", "a system turn may only come first");
          }
          tools = tools(value, vpath);
          messages.add(Message.system(value));
          break;
        case "human":
        case "user":
          messages.add(Message.user(value));
          break;
        case "gpt":
        case "assistant":
          {
            Message m = assistant(value, vpath);
            lastCalls = m.toolCalls();
            messages.add(m);
            break;
          }
        case "tool":
          responses(value, vpath, lastCalls, messages);
          break;
        default:
          throw new FormatException(
              path + ".from", "unknown role '" + from + "' (expected system, human, gpt or tool)");
      }
    }
    return Conversations.samples(tools, messages, id, meta, "conversations");
  }

  /** JSON, else a Python literal (the dataset writes both). */
  private static JsonNode literal(String text) throws PythonLiterals.SyntaxException {
    try {
      return Json.parse(text);
    } catch (JsonProcessingException e) {
      return PythonLiterals.parse(text);
    }
  }

  /** The tools in the last {@code <tools>} block: one list, or one tool per line. */
  private static List<ToolSpec> tools(String system, String path) throws FormatException {
    // The preamble names the tags too ("within <tools> </tools> XML tags"): the list is the last.
    int close = system.lastIndexOf(HermesFormat.TOOLS_CLOSE);
    int open = close < 0 ? -1 : system.lastIndexOf(HermesFormat.TOOLS_OPEN, close);
    if (open < 0) {
      if (system.contains(HermesFormat.TOOLS_OPEN)) {
        throw new FormatException(path, "the <tools> block is not closed with </tools>");
      }
      return List.of();
    }
    String body = system.substring(open + HermesFormat.TOOLS_OPEN.length(), close);
    List<JsonNode> values;
    try {
      values = PythonLiterals.parseAll(body);
    } catch (PythonLiterals.SyntaxException e) {
      throw new FormatException(
          path, "the <tools> block is not a list of tools: " + e.getMessage() + " of the block");
    }
    List<JsonNode> specs = new ArrayList<>();
    for (JsonNode v : values) {
      if (v.isArray()) {
        v.forEach(specs::add);
      } else {
        specs.add(v);
      }
    }
    List<ToolSpec> out = new ArrayList<>(specs.size());
    for (int k = 0; k < specs.size(); k++) {
      try {
        out.add(SampleJson.readTool(specs.get(k), "tools[" + k + "]"));
      } catch (FormatException e) {
        throw new FormatException(path, "the <tools> block: " + e.field() + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** A gpt turn: its {@code <tool_call>} blocks and the text beside them, or its text. */
  private static Message assistant(String value, String path) throws FormatException {
    ParsedOutput p = HermesFormat.parseCalls(value, JSON_OR_PYTHON);
    if (!p.parsed()) {
      throw new FormatException(path, p.error());
    }
    if (p.calls().isEmpty()) {
      return Message.assistant(value);
    }
    return new Message(Role.ASSISTANT, p.text().isEmpty() ? null : p.text(), p.calls(), null, null);
  }

  /**
   * A tool turn: one message per {@code <tool_response>} block, named by its {"name", "content"} or
   * else by the call at its position; a turn without blocks is one result.
   */
  private static void responses(String value, String path, List<ToolCall> calls, List<Message> out)
      throws FormatException {
    if (!value.contains(HermesFormat.RESPONSE_OPEN)) {
      if (value.contains(HermesFormat.RESPONSE_CLOSE)) {
        throw new FormatException(path, "</tool_response> without a matching <tool_response>");
      }
      out.add(Message.tool(calls.size() == 1 ? calls.get(0).name() : null, value));
      return;
    }
    int pos = 0;
    int k = 0;
    while (true) {
      int o = value.indexOf(HermesFormat.RESPONSE_OPEN, pos);
      String between = value.substring(pos, o < 0 ? value.length() : o);
      if (!between.isBlank()) {
        throw new FormatException(
            path,
            between.contains(HermesFormat.RESPONSE_CLOSE)
                ? "</tool_response> without a matching <tool_response>"
                : "text outside the <tool_response> blocks: '" + between.strip() + "'");
      }
      if (o < 0) {
        return;
      }
      int c = value.indexOf(HermesFormat.RESPONSE_CLOSE, o);
      if (c < 0) {
        throw new FormatException(path, "a <tool_response> block is not closed");
      }
      String body = value.substring(o + HermesFormat.RESPONSE_OPEN.length(), c).strip();
      String byPosition = k < calls.size() ? calls.get(k).name() : null;
      out.add(response(body, byPosition));
      k++;
      pos = c + HermesFormat.RESPONSE_CLOSE.length();
    }
  }

  /** {@code {'name': ..., 'content': ...}} as a named result; any other body as it is. */
  private static Message response(String body, String byPosition) {
    JsonNode n;
    try {
      n = literal(body);
    } catch (PythonLiterals.SyntaxException e) {
      return Message.tool(byPosition, body);
    }
    if (n.isObject() && n.size() == 2 && n.path("name").isTextual() && n.has("content")) {
      return Message.tool(n.get("name").textValue(), ShareGptFormat.content(n.get("content")));
    }
    return Message.tool(byPosition, body);
  }
}

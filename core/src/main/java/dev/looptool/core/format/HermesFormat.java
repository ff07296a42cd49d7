package dev.looptool.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.CallArguments;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The Qwen/Hermes tool-calling text format: tools one JSON per line inside {@code <tools>} in the
 * system prompt, calls as {@code <tool_call>} blocks, tool results as {@code <tool_response>}
 * blocks in a user turn, turns delimited ChatML-style.
 */
public final class HermesFormat {
  public static final String IM_START = "<|im_start|>";
  public static final String IM_END = "<|im_end|>";
  public static final String TOOLS_OPEN = "<tools>";
  public static final String TOOLS_CLOSE = "</tools>";
  public static final String CALL_OPEN = "<tool_call>";
  public static final String CALL_CLOSE = "</tool_call>";
  public static final String RESPONSE_OPEN = "<tool_response>";
  public static final String RESPONSE_CLOSE = "</tool_response>";
  public static final String THINK_OPEN = "<think>";
  public static final String THINK_CLOSE = "</think>";

  static final String TOOLS_PREAMBLE =
      "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
          + "You are provided with function signatures within <tools></tools> XML tags:\n";
  static final String TOOLS_POSTAMBLE =
      "\n\nFor each function call, return a json object with function name and arguments within "
          + "<tool_call></tool_call> XML tags:\n<tool_call>\n"
          + "{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

  private HermesFormat() {}

  // ---------------------------------------------------------------- rendering

  /** The system prompt: the user's system text (if any), then the tools block. */
  public static String systemPrompt(String systemText, List<ToolSpec> tools) {
    StringBuilder sb = new StringBuilder(256 + tools.size() * 256);
    if (systemText != null && !systemText.isEmpty()) {
      sb.append(systemText);
      if (!tools.isEmpty()) {
        sb.append("\n\n");
      }
    }
    if (!tools.isEmpty()) {
      sb.append(TOOLS_PREAMBLE).append(TOOLS_OPEN);
      for (ToolSpec t : tools) {
        sb.append('\n').append(toolJson(t));
      }
      sb.append('\n').append(TOOLS_CLOSE).append(TOOLS_POSTAMBLE);
    }
    return sb.toString();
  }

  /** One tool as the template writes it: {"type": "function", "function": {...}}. */
  public static String toolJson(ToolSpec t) {
    ObjectNode fn = Json.object();
    fn.put("name", t.name());
    fn.put("description", t.description());
    fn.set("parameters", t.parameters().node());
    if (t.returns() != null) {
      fn.set("returns", t.returns().node());
    }
    ObjectNode o = Json.object();
    o.put("type", "function");
    o.set("function", fn);
    return PyJson.dumps(o);
  }

  /** One call block without surrounding newlines: {@code <tool_call>\n{...}\n</tool_call>}. */
  public static String callBlock(ToolCall c) {
    StringBuilder sb = new StringBuilder(64);
    sb.append(CALL_OPEN).append("\n{\"name\": ");
    PyJson.string(c.name(), sb);
    sb.append(", \"arguments\": ");
    PyJson.write(c.arguments(), sb);
    sb.append("}\n").append(CALL_CLOSE);
    return sb.toString();
  }

  /**
   * An assistant answer: its text (if any), then one call block per call, separated by newlines.
   */
  public static String assistantText(String content, List<ToolCall> calls) {
    StringBuilder sb = new StringBuilder();
    if (content != null && !content.isEmpty()) {
      sb.append(content);
    }
    for (ToolCall c : calls) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(callBlock(c));
    }
    return sb.toString();
  }

  /** A tool result as it appears inside the user turn that carries results. */
  public static String responseBlock(String content) {
    return RESPONSE_OPEN + "\n" + (content == null ? "" : content) + "\n" + RESPONSE_CLOSE;
  }

  /**
   * The ChatML text of a conversation after the system prompt: each turn as {@code
   * <|im_start|>role\n...<|im_end|>}, turns joined by '\n'; consecutive tool results form one user
   * turn.
   */
  public static String conversation(List<Message> messages) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.role() == Role.SYSTEM) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('\n');
      }
      if (m.role() == Role.TOOL) {
        sb.append(IM_START).append("user\n");
        sb.append(responseBlock(m.content()));
        while (i + 1 < messages.size() && messages.get(i + 1).role() == Role.TOOL) {
          i++;
          sb.append('\n').append(responseBlock(messages.get(i).content()));
        }
        sb.append(IM_END);
        continue;
      }
      sb.append(IM_START).append(m.role().wireName()).append('\n');
      if (m.role() == Role.ASSISTANT) {
        sb.append(assistantText(m.content(), m.toolCalls()));
      } else if (m.content() != null) {
        sb.append(m.content());
      }
      sb.append(IM_END);
    }
    return sb.toString();
  }

  /**
   * The full prompt a chat model is given: system turn, conversation, and the open assistant turn.
   */
  public static String prompt(List<ToolSpec> tools, List<Message> messages) {
    String system = null;
    if (!messages.isEmpty() && messages.get(0).role() == Role.SYSTEM) {
      system = messages.get(0).content();
    }
    StringBuilder sb = new StringBuilder();
    String sys = systemPrompt(system, tools);
    if (!sys.isEmpty()) {
      sb.append(IM_START).append("system\n").append(sys).append(IM_END).append('\n');
    }
    String conv = conversation(messages);
    if (!conv.isEmpty()) {
      sb.append(conv).append('\n');
    }
    sb.append(IM_START).append("assistant\n");
    return sb.toString();
  }

  // ---------------------------------------------------------------- parsing

  /**
   * Removes reasoning: every {@code <think>…</think>} span, and an unopened prefix ending in {@code
   * </think>}.
   */
  public static String stripThinking(String text) {
    if (text == null) {
      return "";
    }
    String s = text;
    int close = s.indexOf(THINK_CLOSE);
    int open = s.indexOf(THINK_OPEN);
    if (close >= 0 && (open < 0 || close < open)) {
      // Templates that open <think> in the prompt leave only the closing tag in the output.
      s = s.substring(close + THINK_CLOSE.length());
    }
    StringBuilder sb = new StringBuilder(s.length());
    int pos = 0;
    while (true) {
      int o = s.indexOf(THINK_OPEN, pos);
      if (o < 0) {
        sb.append(s, pos, s.length());
        break;
      }
      sb.append(s, pos, o);
      int c = s.indexOf(THINK_CLOSE, o + THINK_OPEN.length());
      if (c < 0) {
        break; // an unterminated thought: everything after it is reasoning
      }
      pos = c + THINK_CLOSE.length();
    }
    return sb.toString();
  }

  /**
   * Parses a model's answer into calls and text. Malformed output (an unclosed block, JSON that
   * does not parse, a call without a name or with non-object arguments) yields a failure value.
   */
  public static ParsedOutput parse(String output) {
    return parseCalls(stripThinking(output), JSON_CALLS);
  }

  /** How the body of a {@code <tool_call>} block is written. */
  @FunctionalInterface
  public interface CallSyntax {
    /**
     * The body as a tree.
     *
     * @throws IllegalArgumentException whose message says why the body does not parse
     */
    JsonNode read(String body);
  }

  /** Call bodies as JSON, what models are prompted to write. */
  public static final CallSyntax JSON_CALLS =
      body -> {
        try {
          return Json.parse(body);
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(
              "tool call is not valid JSON: " + e.getOriginalMessage());
        }
      };

  /**
   * Splits {@code s} into its {@code <tool_call>} blocks, read with {@code syntax}, and the text
   * around them; nothing is stripped first (datasets keep their reasoning as text). Failures are as
   * {@link #parse}'s.
   */
  public static ParsedOutput parseCalls(String s, CallSyntax syntax) {
    List<ToolCall> calls = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int pos = 0;
    while (true) {
      int o = s.indexOf(CALL_OPEN, pos);
      if (o < 0) {
        int strayClose = s.indexOf(CALL_CLOSE, pos);
        if (strayClose >= 0) {
          return ParsedOutput.failure("</tool_call> without a matching <tool_call>", s.strip());
        }
        text.append(s, pos, s.length());
        break;
      }
      text.append(s, pos, o);
      int c = s.indexOf(CALL_CLOSE, o + CALL_OPEN.length());
      if (c < 0) {
        return ParsedOutput.failure("<tool_call> block is not closed", s.strip());
      }
      String body = s.substring(o + CALL_OPEN.length(), c).strip();
      String error = parseCall(body, syntax, calls);
      if (error != null) {
        return ParsedOutput.failure(error, s.strip());
      }
      pos = c + CALL_CLOSE.length();
    }
    return ParsedOutput.ok(calls, text.toString().strip());
  }

  /** Parses one call block body into {@code out}; returns an error message or null. */
  private static String parseCall(String body, CallSyntax syntax, List<ToolCall> out) {
    JsonNode node;
    try {
      node = syntax.read(body);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (node == null || !node.isObject()) {
      return "tool call must be a JSON object";
    }
    JsonNode name = node.get("name");
    if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
      return "tool call has no \"name\" string";
    }
    // Some models emit arguments as a JSON-encoded string, as the OpenAI API does.
    ObjectNode args;
    try {
      args = CallArguments.read(node.get("arguments"));
    } catch (CallArguments.InvalidException e) {
      return switch (e.problem()) {
        case STRING_NOT_JSON -> "tool call \"arguments\" string is not valid JSON";
        case STRING_NOT_OBJECT -> "tool call \"arguments\" string does not hold a JSON object";
        case NOT_OBJECT -> "tool call \"arguments\" must be a JSON object";
      };
    }
    out.add(new ToolCall(name.textValue(), args));
    return null;
  }

  /** Parses the tool lines between {@code <tools>} and {@code </tools>} in a system prompt. */
  public static List<JsonNode> toolLines(String systemPrompt) throws JsonProcessingException {
    // The preamble itself mentions "<tools></tools>": the block is the last open/close pair.
    int c = systemPrompt.lastIndexOf(TOOLS_CLOSE);
    int o = c < 0 ? -1 : systemPrompt.lastIndexOf(TOOLS_OPEN, c);
    if (o < 0) {
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    for (String line : systemPrompt.substring(o + TOOLS_OPEN.length(), c).split("\n")) {
      if (!line.isBlank()) {
        out.add(Json.parse(line));
      }
    }
    return out;
  }
}

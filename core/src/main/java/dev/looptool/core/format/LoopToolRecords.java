package dev.looptool.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The LoopTool authors' released training records: {@code {"instruction", "input", "output"}}, all
 * strings in the Qwen/Hermes format. {@code instruction} is the system prompt with the tools block;
 * {@code input} is the conversation so far as ChatML turns (tool results as {@code <tool_response>}
 * blocks in user turns); {@code output} is the assistant's answer, text and {@code <tool_call>}
 * blocks. Everything these strings can carry survives a round trip.
 */
public final class LoopToolRecords {
  private LoopToolRecords() {}

  /** A record in the authors' shape. */
  public record Record(String instruction, String input, String output) {}

  public static Record toRecord(Sample s) {
    String system = null;
    List<Message> rest = s.messages();
    if (!rest.isEmpty() && rest.get(0).role() == Role.SYSTEM) {
      system = rest.get(0).content();
      rest = rest.subList(1, rest.size());
    }
    return new Record(
        HermesFormat.systemPrompt(system, s.tools()),
        HermesFormat.conversation(rest),
        HermesFormat.assistantText(s.label().text(), s.label().calls()));
  }

  public static ObjectNode toJson(Record r) {
    ObjectNode o = Json.object();
    o.put("instruction", r.instruction());
    o.put("input", r.input());
    o.put("output", r.output());
    return o;
  }

  /** Reads a record object; fields other than instruction, input and output are ignored. */
  public static Record readRecord(JsonNode n) throws FormatException {
    if (n == null || !n.isObject()) {
      throw new FormatException(
          "$", "a record must be a JSON object with instruction, input, output");
    }
    return new Record(
        text(n, "instruction", true), text(n, "input", false), text(n, "output", true));
  }

  private static String text(JsonNode n, String key, boolean required) throws FormatException {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw new FormatException(key, "required");
      }
      return "";
    }
    if (!v.isTextual()) {
      throw new FormatException(key, "must be a string");
    }
    return v.textValue();
  }

  /** Converts a record to a sample with the given id. */
  public static Sample toSample(Record r, String id) throws FormatException {
    List<Message> messages = new ArrayList<>();
    List<ToolSpec> tools = new ArrayList<>();
    String system = splitInstruction(r.instruction(), tools);
    if (system != null) {
      messages.add(Message.system(system));
    }
    parseConversation(r.input(), messages);
    ParsedOutput out = HermesFormat.parse(r.output());
    if (!out.parsed()) {
      throw new FormatException("output", out.error());
    }
    Label label =
        out.calls().isEmpty()
            ? Label.ofText(out.text())
            : new Label(out.calls(), out.text().isEmpty() ? null : out.text());
    return new Sample(id, tools, messages, label, Provenance.imported(), null);
  }

  /** Splits the instruction into the system text (returned, null if none) and the tools. */
  private static String splitInstruction(String instruction, List<ToolSpec> tools)
      throws FormatException {
    int toolsAt = instruction.indexOf(HermesFormat.TOOLS_PREAMBLE);
    if (toolsAt < 0) {
      if (instruction.contains(HermesFormat.TOOLS_OPEN)) {
        // A tools block without the standard preamble: still read the tools, keep the text whole.
        readTools(instruction, tools);
      }
      return instruction.isEmpty() ? null : instruction;
    }
    readTools(instruction, tools);
    String system = instruction.substring(0, toolsAt);
    if (system.endsWith("\n\n")) {
      system = system.substring(0, system.length() - 2);
    }
    return system.isEmpty() ? null : system;
  }

  private static void readTools(String instruction, List<ToolSpec> tools) throws FormatException {
    List<JsonNode> lines;
    try {
      lines = HermesFormat.toolLines(instruction);
    } catch (JsonProcessingException e) {
      throw new FormatException(
          "instruction", "a tool line inside <tools> is not valid JSON: " + e.getOriginalMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      tools.add(SampleJson.readTool(lines.get(i), "instruction.tools[" + i + "]"));
    }
  }

  private static void parseConversation(String input, List<Message> out) throws FormatException {
    int pos = 0;
    int turn = 0;
    List<ToolCall> lastCalls = List.of();
    while (true) {
      int start = input.indexOf(HermesFormat.IM_START, pos);
      if (start < 0) {
        if (!input.substring(pos).isBlank()) {
          throw new FormatException(
              "input", "text outside <|im_start|>…<|im_end|> turns after turn " + turn);
        }
        return;
      }
      if (!input.substring(pos, start).isBlank()) {
        throw new FormatException(
            "input", "text outside <|im_start|>…<|im_end|> turns before turn " + (turn + 1));
      }
      int nl = input.indexOf('\n', start);
      int end = input.indexOf(HermesFormat.IM_END, start);
      turn++;
      if (end < 0) {
        throw new FormatException("input", "turn " + turn + " is not closed with <|im_end|>");
      }
      if (nl < 0 || nl > end) {
        throw new FormatException("input", "turn " + turn + " has no role line");
      }
      String roleName = input.substring(start + HermesFormat.IM_START.length(), nl).strip();
      String body = input.substring(nl + 1, end);
      Role role = Role.fromWire(roleName);
      if (role == null || role == Role.TOOL) {
        throw new FormatException("input", "turn " + turn + " has unknown role '" + roleName + "'");
      }
      if (role == Role.USER && body.startsWith(HermesFormat.RESPONSE_OPEN)) {
        readResponses(body, turn, lastCalls, out);
      } else if (role == Role.ASSISTANT) {
        ParsedOutput p = HermesFormat.parse(body);
        if (!p.parsed()) {
          throw new FormatException("input", "assistant turn " + turn + ": " + p.error());
        }
        lastCalls = p.calls();
        out.add(
            new Message(
                Role.ASSISTANT,
                p.text().isEmpty() && !p.calls().isEmpty() ? null : p.text(),
                p.calls(),
                null,
                null));
      } else {
        out.add(new Message(role, body, List.of(), null, null));
      }
      pos = end + HermesFormat.IM_END.length();
    }
  }

  /** Reads the tool results of one user turn; names come from the preceding calls by position. */
  private static void readResponses(
      String body, int turn, List<ToolCall> lastCalls, List<Message> out) throws FormatException {
    int pos = 0;
    int k = 0;
    while (pos < body.length()) {
      int o = body.indexOf(HermesFormat.RESPONSE_OPEN, pos);
      if (o < 0) {
        if (!body.substring(pos).isBlank()) {
          throw new FormatException(
              "input", "turn " + turn + ": text after the last </tool_response>");
        }
        return;
      }
      int c = body.indexOf(HermesFormat.RESPONSE_CLOSE, o);
      if (c < 0) {
        throw new FormatException("input", "turn " + turn + ": <tool_response> is not closed");
      }
      String content = body.substring(o + HermesFormat.RESPONSE_OPEN.length(), c);
      if (content.startsWith("\n")) {
        content = content.substring(1);
      }
      if (content.endsWith("\n")) {
        content = content.substring(0, content.length() - 1);
      }
      String name = k < lastCalls.size() ? lastCalls.get(k).name() : null;
      out.add(new Message(Role.TOOL, content, List.of(), name, null));
      k++;
      pos = c + HermesFormat.RESPONSE_CLOSE.length();
    }
  }
}

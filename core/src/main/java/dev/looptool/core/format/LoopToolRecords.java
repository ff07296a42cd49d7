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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The LoopTool authors' released training records: {@code {"instruction", "input", "output"}}, all
 * strings, as their converter ({@code conversation_transform_grpo_qwen.py}) writes them:
 *
 * <ul>
 *   <li>{@code instruction}: a fixed system text, a blank line, {@code The current time is DATE.},
 *       then the Qwen tools block ({@code # Tools} on the next line) with each tool as a bare
 *       {@code {"name", "description", "parameters"}} JSON line, ending {@code </tool_call>.}
 *   <li>{@code input}: the conversation so far as ChatML turns, each {@code
 *       <|im_start|>role\n…<|im_end|>\n}, tool results as {@code <tool_response>} blocks in a user
 *       turn, with the leading {@code <|im_start|>user\n} and the trailing {@code <|im_end|>\n}
 *       removed (the trainer's chat template adds them back): a single-turn record's input is the
 *       bare user text.
 *   <li>{@code output}: the assistant's answer, {@code <tool_call>} blocks joined by newlines, or
 *       its text.
 * </ul>
 *
 * All JSON inside the strings is Python's {@code json.dumps} with its defaults (non-ASCII escaped).
 * Reading also accepts the full-marker variant (every turn with both markers) and the Qwen
 * template's own tools block ({@code {"type": "function", "function": …}} lines, no date line).
 * Writing always gives the authors' rendering; a sample's system message is the fixed text and its
 * {@code meta.date} the date, so a record read and written again is the same bytes.
 */
public final class LoopToolRecords {
  private LoopToolRecords() {}

  /** The authors' fixed system text, used for samples that have no system message. */
  public static final String INSTRUCTION = resource("looptool-instruction.txt");

  /** The date the authors' converter writes when a dialogue has none. */
  public static final String UNKNOWN_DATE = "Unknown";

  static final String DATE_OPEN = "\n\nThe current time is ";
  static final String DATE_CLOSE = ".\n";

  /** The authors' tools block ends in a full stop after the template's last line. */
  static final String POSTAMBLE = HermesFormat.TOOLS_POSTAMBLE + ".";

  private static final String USER_OPEN = HermesFormat.IM_START + "user\n";

  /** A record in the authors' shape. */
  public record Record(String instruction, String input, String output) {}

  // ---------------------------------------------------------------- writing

  /** The record of a sample, in the authors' rendering. */
  public static Record toRecord(Sample s) {
    String system = INSTRUCTION;
    List<Message> rest = s.messages();
    if (!rest.isEmpty() && rest.get(0).role() == Role.SYSTEM) {
      system = rest.get(0).content() == null ? "" : rest.get(0).content();
      rest = rest.subList(1, rest.size());
    }
    String date = s.meta().path("date").isTextual() ? s.meta().get("date").textValue() : null;
    return new Record(
        instruction(system, date == null ? UNKNOWN_DATE : date, s.tools()),
        input(rest),
        answer(s.label().text(), s.label().calls()));
  }

  static String instruction(String system, String date, List<ToolSpec> tools) {
    StringBuilder sb = new StringBuilder(2048 + tools.size() * 256);
    sb.append(system).append(DATE_OPEN).append(date).append(DATE_CLOSE);
    sb.append(HermesFormat.TOOLS_PREAMBLE).append(HermesFormat.TOOLS_OPEN);
    for (ToolSpec t : tools) {
      ObjectNode o = Json.object();
      o.put("name", t.name());
      o.put("description", t.description());
      o.set("parameters", t.parameters().node());
      if (t.returns() != null) {
        o.set("returns", t.returns().node());
      }
      sb.append('\n').append(PyJson.dumpsAscii(o));
    }
    return sb.append('\n').append(HermesFormat.TOOLS_CLOSE).append(POSTAMBLE).toString();
  }

  /** Calls as the authors' converter writes them: one block each, joined by newlines. */
  static String answer(String text, List<ToolCall> calls) {
    StringBuilder sb = new StringBuilder();
    if (text != null && !text.isEmpty()) {
      sb.append(text);
    }
    for (ToolCall c : calls) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      ObjectNode call = Json.object();
      call.put("name", c.name());
      call.set("arguments", c.arguments());
      sb.append(HermesFormat.CALL_OPEN)
          .append('\n')
          .append(PyJson.dumpsAscii(call))
          .append('\n')
          .append(HermesFormat.CALL_CLOSE);
    }
    return sb.toString();
  }

  /** The turns after the system message, stripped of the outer markers as the authors do. */
  static String input(List<Message> messages) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      sb.append(HermesFormat.IM_START);
      if (m.role() == Role.TOOL) {
        sb.append("user\n").append(HermesFormat.responseBlock(m.content()));
        while (i + 1 < messages.size() && messages.get(i + 1).role() == Role.TOOL) {
          i++;
          sb.append('\n').append(HermesFormat.responseBlock(messages.get(i).content()));
        }
      } else if (m.role() == Role.ASSISTANT) {
        sb.append("assistant\n").append(answer(m.content(), m.toolCalls()));
      } else {
        sb.append(m.role().wireName()).append('\n');
        if (m.content() != null) {
          sb.append(m.content());
        }
      }
      sb.append(HermesFormat.IM_END).append('\n');
    }
    String s = sb.toString();
    if (s.startsWith(USER_OPEN)) {
      s = s.substring(USER_OPEN.length());
    }
    String end = HermesFormat.IM_END + "\n";
    return s.endsWith(end) ? s.substring(0, s.length() - end.length()) : s;
  }

  public static ObjectNode toJson(Record r) {
    ObjectNode o = Json.object();
    o.put("instruction", r.instruction());
    o.put("input", r.input());
    o.put("output", r.output());
    return o;
  }

  // ---------------------------------------------------------------- reading

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
    ObjectNode meta = Json.object();
    String system = splitInstruction(r.instruction(), tools, meta);
    if (system != null) {
      messages.add(Message.system(system));
    }
    parseConversation(withOuterMarkers(r.input()), messages);
    ParsedOutput out = HermesFormat.parse(r.output());
    if (!out.parsed()) {
      throw new FormatException("output", out.error());
    }
    Label label =
        out.calls().isEmpty()
            ? Label.ofText(out.text())
            : new Label(out.calls(), out.text().isEmpty() ? null : out.text());
    return new Sample(id, tools, messages, label, Provenance.imported(), meta);
  }

  /**
   * The input with the outer markers the authors' converter removes put back: text before the first
   * turn is the first user turn, and the last turn is closed.
   */
  static String withOuterMarkers(String input) {
    if (input.isEmpty()) {
      return input;
    }
    String s = input.startsWith(HermesFormat.IM_START) ? input : USER_OPEN + input;
    return s.stripTrailing().endsWith(HermesFormat.IM_END) ? s : s + HermesFormat.IM_END;
  }

  /**
   * Splits the instruction into the system text (returned, null if none) and the tools; the
   * authors' date line goes to {@code meta.date}.
   */
  static String splitInstruction(String instruction, List<ToolSpec> tools, ObjectNode meta)
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
    int date = system.lastIndexOf(DATE_OPEN);
    if (date >= 0 && system.endsWith(DATE_CLOSE)) {
      meta.put(
          "date",
          system.substring(date + DATE_OPEN.length(), system.length() - DATE_CLOSE.length()));
      return system.substring(0, date);
    }
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

  static void parseConversation(String input, List<Message> out) throws FormatException {
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

  private static String resource(String name) {
    try (InputStream in = LoopToolRecords.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.looptool.core.interop;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.format.PyJson;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ShareGPT conversations with tools, {@code {"conversations": [{"from", "value"}], "system",
 * "tools"}}, in the three dialects tool-calling datasets use:
 *
 * <ul>
 *   <li>LLaMA-Factory's: roles human, gpt, function_call (a JSON call {"name", "arguments"} or a
 *       JSON list of them), observation (the tool's output as text), system; {@code tools} a JSON
 *       string of a list of tools.
 *   <li>ToolACE's: roles user, assistant, tool; the tools a JSON list inside the {@code system}
 *       text; calls a Python call list {@code [f(a=1)]}; tool values a JSON list of {"name",
 *       "results"}.
 *   <li>The LoopTool authors' raw dialogues: {@code tools} a list, {@code date}, roles user,
 *       assistant, tool; an assistant value starting with '[' a JSON list of calls; a tool value a
 *       list (or JSON string of one) of {"name", "results"} or single-key objects.
 * </ul>
 *
 * Each tool result becomes one tool message, named by the result or else by the call at its
 * position. Export writes LLaMA-Factory's dialect, which LLaMA-Factory and Axolotl read.
 *
 * <p>Long on purpose: one reader for three dialects of one format, and its writer beside it, so
 * that a shape added to one is seen missing from the other.
 */
public final class ShareGptFormat implements WritableFormat {
  public static final String NAME = "sharegpt";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "ShareGPT conversations with tools ({conversations: [{from, value}], system, tools}):"
        + " LLaMA-Factory, ToolACE and the LoopTool authors' raw dialogues";
  }

  @Override
  public boolean recognizes(JsonNode record) {
    return isConversationRecord(record) && !HermesDatasetFormat.hasHermesMarkers(record);
  }

  /** Whether a record holds a {@code conversations} list of {from, value} turns. */
  static boolean isConversationRecord(JsonNode record) {
    if (record == null || !record.isObject()) {
      return false;
    }
    JsonNode c = record.get("conversations");
    if (c == null || !c.isArray() || c.isEmpty()) {
      return false;
    }
    JsonNode first = c.get(0);
    return first.isObject() && first.has("from") && first.has("value");
  }

  @Override
  public List<Sample> read(JsonNode record, String id) throws FormatException {
    JsonNode turns = turns(record);
    ObjectNode meta = meta(record, NAME);
    JsonNode date = record.get("date");
    if (date != null && !date.isNull()) {
      meta.set("date", date);
    }
    String system = optionalText(record, "system");
    List<ToolSpec> tools = tools(record, system);
    List<Message> messages = new ArrayList<>();
    if (system != null && !system.isEmpty()) {
      messages.add(Message.system(system));
    }
    List<ToolCall> lastCalls = List.of();
    for (int i = 0; i < turns.size(); i++) {
      JsonNode turn = turns.get(i);
      String path = "conversations[" + i + "]";
      String from = from(turn, path);
      JsonNode value = turn.get("value");
      String vpath = path + ".value";
      switch (from) {
        case "system":
          if (i != 0) {
            throw new FormatException(path + ".from", "a system turn may only come first");
          }
          if (!messages.isEmpty()) {
            throw new FormatException(
                path, "the record has both a system field and a system turn; keep one");
          }
          messages.add(Message.system(text(value, vpath)));
          break;
        case "human":
        case "user":
          messages.add(Message.user(text(value, vpath)));
          break;
        case "gpt":
        case "assistant":
          {
            Message m = assistant(text(value, vpath), vpath);
            lastCalls = m.toolCalls();
            messages.add(m);
            break;
          }
        case "function_call":
          lastCalls = jsonCalls(text(value, vpath), vpath, true);
          messages.add(Message.assistant(lastCalls));
          break;
        case "observation":
          observation(text(value, vpath), lastCalls, messages);
          break;
        case "tool":
          toolResults(value, vpath, lastCalls, messages);
          break;
        default:
          throw new FormatException(
              path + ".from",
              "unknown role '"
                  + from
                  + "' (expected human, gpt, function_call, observation, system, or user,"
                  + " assistant, tool)");
      }
    }
    return Conversations.samples(tools, messages, id, meta, "conversations");
  }

  // ---------------------------------------------------------------- reading helpers

  /** The record's turns, checked to be a non-empty list of objects. */
  static JsonNode turns(JsonNode record) throws FormatException {
    if (record == null || !record.isObject()) {
      throw new FormatException("$", "a record must be a JSON object with \"conversations\"");
    }
    JsonNode turns = record.get("conversations");
    if (turns == null || turns.isNull()) {
      throw new FormatException("conversations", "required: a list of {\"from\", \"value\"}");
    }
    if (!turns.isArray()) {
      throw new FormatException("conversations", "must be a list of {\"from\", \"value\"}");
    }
    for (int i = 0; i < turns.size(); i++) {
      if (!turns.get(i).isObject()) {
        throw new FormatException(
            "conversations[" + i + "]", "a turn must be an object {\"from\", \"value\"}");
      }
    }
    return turns;
  }

  /** A turn's speaker. */
  static String from(JsonNode turn, String path) throws FormatException {
    JsonNode f = turn.get("from");
    if (f == null || f.isNull()) {
      throw new FormatException(path + ".from", "required: who speaks the turn");
    }
    if (!f.isTextual()) {
      throw new FormatException(path + ".from", "must be a string");
    }
    return f.textValue();
  }

  /** The meta every sample of a record gets: the format, and the record's own id if it has one. */
  static ObjectNode meta(JsonNode record, String format) {
    ObjectNode meta = Json.object();
    meta.put("source", format);
    JsonNode sid = record.get("id");
    if (sid != null && (sid.isTextual() || sid.isNumber())) {
      meta.put("sourceId", sid.asText());
    }
    return meta;
  }

  static String text(JsonNode value, String path) throws FormatException {
    if (value == null || value.isNull()) {
      throw new FormatException(path, "required");
    }
    if (!value.isTextual()) {
      throw new FormatException(path, "must be a string");
    }
    return value.textValue();
  }

  private static String optionalText(JsonNode record, String key) throws FormatException {
    JsonNode v = record.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new FormatException(key, "must be a string");
    }
    return v.textValue();
  }

  /** A tool result as message content: a string as it is, anything else as its JSON text. */
  static String content(JsonNode result) {
    return result.isTextual() ? result.textValue() : PyJson.dumps(result);
  }

  /** The tools: the {@code tools} field (a list or a JSON string of one), else in the system. */
  private static List<ToolSpec> tools(JsonNode record, String system) throws FormatException {
    JsonNode t = record.get("tools");
    if (t != null && t.isTextual() && !t.textValue().isBlank()) {
      JsonNode parsed;
      try {
        parsed = Json.parse(t.textValue());
      } catch (JsonProcessingException e) {
        throw new FormatException(
            "tools", "must be a JSON list of tools; it does not parse: " + e.getOriginalMessage());
      }
      if (parsed == null || !parsed.isArray()) {
        throw new FormatException("tools", "must be a JSON list of tools");
      }
      return SampleJson.readTools(parsed, "tools");
    }
    if (t != null && !t.isNull() && !t.isTextual()) {
      if (!t.isArray()) {
        throw new FormatException("tools", "must be a list of tools or a JSON string of one");
      }
      return SampleJson.readTools(t, "tools");
    }
    return system == null ? List.of() : toolsInText(system);
  }

  /**
   * The first JSON list of tool objects (each with a "name") in {@code text}, as ToolACE embeds
   * them in its system prompt; none when there is no such list.
   */
  private static List<ToolSpec> toolsInText(String text) throws FormatException {
    char[] chars = text.toCharArray();
    for (int at = text.indexOf('['); at >= 0; at = text.indexOf('[', at + 1)) {
      JsonNode list;
      try (JsonParser p = Json.MAPPER.getFactory().createParser(chars, at, chars.length - at)) {
        list = Json.MAPPER.readTree(p);
      } catch (IOException e) {
        continue;
      }
      if (list == null || !list.isArray() || list.isEmpty()) {
        continue;
      }
      boolean allTools = true;
      for (JsonNode t : list) {
        allTools &= t.isObject() && t.path("name").isTextual();
      }
      if (allTools) {
        try {
          return SampleJson.readTools(list, "tools");
        } catch (FormatException e) {
          throw new FormatException(
              "system", "the tool list in the text: " + e.field() + ": " + e.getMessage());
        }
      }
    }
    return List.of();
  }

  /**
   * An assistant value: a call list when it is bracketed (a JSON list of {"name", "arguments"} or a
   * Python call list), else a text answer.
   */
  private static Message assistant(String value, String path) throws FormatException {
    String v = value.strip();
    if (!(v.startsWith("[") && v.endsWith("]"))) {
      return Message.assistant(value);
    }
    List<ToolCall> calls;
    String inner = v.substring(1).stripLeading();
    if (inner.startsWith("{")) {
      calls = jsonCalls(v, path, false);
    } else if (inner.startsWith("]")) {
      throw new FormatException(path, "an empty call list: the turn neither calls nor answers");
    } else {
      try {
        calls = PythonLiterals.parseCalls(v);
      } catch (PythonLiterals.SyntaxException e) {
        throw new FormatException(path, "not a Python call list [f(a=1), ...]: " + e.getMessage());
      }
    }
    return Message.assistant(calls);
  }

  /** A JSON call or (with {@code single} allowed) a JSON list of calls. */
  private static List<ToolCall> jsonCalls(String value, String path, boolean single)
      throws FormatException {
    String expected =
        single
            ? "must be a JSON call {\"name\", \"arguments\"} or a JSON list of them"
            : "must be a JSON list of calls {\"name\", \"arguments\"}";
    JsonNode n;
    try {
      n = Json.parse(value);
    } catch (JsonProcessingException e) {
      throw new FormatException(path, expected + "; it does not parse: " + e.getOriginalMessage());
    }
    if (n != null && n.isObject() && single) {
      return List.of(SampleJson.readCall(n, path));
    }
    if (n == null || !n.isArray()) {
      throw new FormatException(path, expected);
    }
    if (n.isEmpty()) {
      throw new FormatException(path, "an empty call list: the turn neither calls nor answers");
    }
    List<ToolCall> out = new ArrayList<>(n.size());
    for (int k = 0; k < n.size(); k++) {
      out.add(SampleJson.readCall(n.get(k), path + "[" + k + "]"));
    }
    return out;
  }

  /**
   * LLaMA-Factory's observation: the tool's output as text. After parallel calls a JSON list with
   * one element per call is their results, in call order; anything else is one result.
   */
  private static void observation(String value, List<ToolCall> calls, List<Message> out) {
    if (calls.size() > 1) {
      JsonNode list = null;
      try {
        list = Json.parse(value);
      } catch (JsonProcessingException e) {
        // not a list of results: one result
      }
      if (list != null && list.isArray() && list.size() == calls.size()) {
        for (int k = 0; k < list.size(); k++) {
          out.add(Message.tool(calls.get(k).name(), content(list.get(k))));
        }
        return;
      }
    }
    out.add(Message.tool(calls.size() == 1 ? calls.get(0).name() : null, value));
  }

  /** ToolACE's and the authors' tool value: a list, or a JSON string of one, of results. */
  private static void toolResults(
      JsonNode value, String path, List<ToolCall> calls, List<Message> out) throws FormatException {
    String expected =
        "must be a list of tool results ({\"name\", \"results\"} or single-key objects)";
    JsonNode list = value;
    if (value != null && value.isTextual()) {
      try {
        list = Json.parse(value.textValue());
      } catch (JsonProcessingException e) {
        throw new FormatException(
            path,
            expected + " or a JSON string of one; it does not parse: " + e.getOriginalMessage());
      }
    }
    if (list == null || !list.isArray()) {
      throw new FormatException(path, expected + " or a JSON string of one");
    }
    for (int k = 0; k < list.size(); k++) {
      JsonNode r = list.get(k);
      String rpath = path + "[" + k + "]";
      String byPosition = k < calls.size() ? calls.get(k).name() : null;
      if (r.isObject() && r.has("results") && r.size() <= 2 && (r.size() == 1 || r.has("name"))) {
        JsonNode name = r.get("name");
        if (name != null && !name.isNull() && !name.isTextual()) {
          throw new FormatException(rpath + ".name", "must be a string");
        }
        out.add(
            Message.tool(
                name == null || name.isNull() ? byPosition : name.textValue(),
                content(r.get("results"))));
      } else if (r.isObject() && r.size() == 1) {
        out.add(Message.tool(byPosition, content(r.elements().next())));
      } else {
        throw new FormatException(
            rpath, "a tool result must be {\"name\", \"results\"} or an object with one key");
      }
    }
  }

  // ---------------------------------------------------------------- writing

  /** The sample's field that holds turn {@code i} of its whole conversation. */
  private static String field(int i, int size) {
    return i == size - 1 ? "label" : "messages[" + i + "]";
  }

  /**
   * The sample's whole conversation in LLaMA-Factory's dialect. Consecutive tool results form one
   * observation: the result itself, or after parallel calls a JSON list of them.
   *
   * @throws FormatException for an assistant turn with text beside its calls, which LLaMA-Factory's
   *     function_call cannot hold, or a system message after the first
   */
  @Override
  public JsonNode write(Sample sample, long index) throws FormatException {
    List<Message> msgs = Conversations.conversation(sample);
    ObjectNode r = Json.object();
    ArrayNode conv = r.putArray("conversations");
    int start = 0;
    if (!msgs.isEmpty() && msgs.get(0).role() == Role.SYSTEM) {
      r.put("system", msgs.get(0).content() == null ? "" : msgs.get(0).content());
      start = 1;
    }
    for (int i = start; i < msgs.size(); i++) {
      Message m = msgs.get(i);
      switch (m.role()) {
        case SYSTEM:
          throw new FormatException(
              field(i, msgs.size()), "a system message after the first cannot be exported");
        case USER:
          turn(conv, "human", m.content());
          break;
        case ASSISTANT:
          if (m.hasToolCalls()) {
            if (m.content() != null && !m.content().isEmpty()) {
              throw new FormatException(
                  field(i, msgs.size()),
                  "an assistant turn with text beside its tool calls cannot be exported"
                      + " to sharegpt (function_call holds calls only)");
            }
            turn(conv, "function_call", callsValue(m.toolCalls()));
          } else {
            turn(conv, "gpt", m.content());
          }
          break;
        case TOOL:
          {
            int end = i;
            while (end + 1 < msgs.size() && msgs.get(end + 1).role() == Role.TOOL) {
              end++;
            }
            turn(conv, "observation", observationValue(msgs.subList(i, end + 1)));
            i = end;
            break;
          }
        default:
          throw new IllegalStateException("unknown role " + m.role());
      }
    }
    if (!sample.tools().isEmpty()) {
      ArrayNode tools = Json.array();
      for (ToolSpec t : sample.tools()) {
        ObjectNode f = tools.addObject();
        f.put("name", t.name());
        f.put("description", t.description());
        f.set("parameters", t.parameters().node());
        if (t.returns() != null) {
          f.set("returns", t.returns().node());
        }
      }
      r.put("tools", PyJson.dumps(tools));
    }
    return r;
  }

  private static void turn(ArrayNode conv, String from, String value) {
    ObjectNode t = conv.addObject();
    t.put("from", from);
    t.put("value", value == null ? "" : value);
  }

  private static String callsValue(List<ToolCall> calls) {
    ArrayNode list = Json.array();
    for (ToolCall c : calls) {
      ObjectNode o = list.addObject();
      o.put("name", c.name());
      o.set("arguments", c.arguments());
    }
    return PyJson.dumps(calls.size() == 1 ? list.get(0) : list);
  }

  /**
   * One result as it is; several as a JSON list whose elements are the results' JSON where that
   * reads back to the same text, else the text as a string, so an import gives the same results.
   */
  private static String observationValue(List<Message> results) {
    if (results.size() == 1) {
      return results.get(0).content() == null ? "" : results.get(0).content();
    }
    ArrayNode list = Json.array();
    for (Message m : results) {
      String c = m.content() == null ? "" : m.content();
      JsonNode parsed = null;
      try {
        parsed = Json.parse(c);
      } catch (JsonProcessingException e) {
        // not JSON: kept as a string
      }
      if (parsed != null
          && !parsed.isTextual()
          && !parsed.isMissingNode()
          && PyJson.dumps(parsed).equals(c)) {
        list.add(parsed);
      } else {
        list.add(c);
      }
    }
    return PyJson.dumps(list);
  }
}

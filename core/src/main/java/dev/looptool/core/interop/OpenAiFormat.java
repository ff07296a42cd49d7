package dev.looptool.core.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat records with {@code messages} (assistant turns carrying {@code tool_calls}) and {@code
 * tools}, as OpenAI's fine-tuning files and TRL's conversational datasets hold them. Import gives
 * one sample per assistant turn, except turns with {@code "weight": 0}, which OpenAI trains on as
 * context only. Export writes the TRL shape: call arguments as objects, tool turns with the tool's
 * {@code name}; the assistant turns of a sample's context get {@code "weight": 0}, since only its
 * label is to be learnt, so OpenAI's fine-tuning trains on the label alone and a re-import gives
 * back the one sample.
 */
public final class OpenAiFormat implements WritableFormat {
  public static final String NAME = "openai";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "OpenAI fine-tuning / TRL chat: {messages, tools}, assistant turns with tool_calls";
  }

  @Override
  public boolean recognizes(JsonNode record) {
    if (record == null || !record.isObject() || record.has("label")) {
      return false;
    }
    JsonNode messages = record.get("messages");
    return messages != null
        && messages.isArray()
        && messages.size() > 0
        && messages.get(0).has("role");
  }

  @Override
  public List<Sample> read(JsonNode record, String id) throws FormatException {
    if (record == null || !record.isObject()) {
      throw new FormatException("$", "a chat record must be a JSON object");
    }
    List<ToolSpec> tools = SampleJson.readTools(decodedTools(record.get("tools")), "tools");
    JsonNode msgs = record.get("messages");
    if (msgs == null || !msgs.isArray()) {
      throw new FormatException("messages", "required, must be an array of chat messages");
    }
    List<Message> conversation = new ArrayList<>(msgs.size());
    List<Integer> answers = new ArrayList<>();
    Map<String, String> callNames = new HashMap<>();
    for (int i = 0; i < msgs.size(); i++) {
      String path = "messages[" + i + "]";
      JsonNode m = msgs.get(i);
      Message message = readMessage(m, path, callNames);
      if (message.role() == Role.ASSISTANT && trained(m, path)) {
        answers.add(i);
      }
      conversation.add(message);
    }
    if (answers.isEmpty()) {
      throw new FormatException(
          "messages",
          "has no assistant turn to learn (every assistant turn, if any, has weight 0)");
    }
    ObjectNode meta = Json.object();
    meta.put("source", NAME);
    JsonNode sourceId = record.get("id");
    if (sourceId != null && (sourceId.isTextual() || sourceId.isNumber())) {
      meta.set("sourceId", sourceId);
    }
    return Conversations.samplesAt(tools, conversation, answers, id, meta);
  }

  /** Tools as an array, or as a string holding one (datasets that keep tools as one column). */
  private static JsonNode decodedTools(JsonNode tools) throws FormatException {
    if (tools == null || !tools.isTextual()) {
      return tools;
    }
    try {
      return Json.parse(tools.textValue());
    } catch (JsonProcessingException e) {
      throw new FormatException("tools", "string is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Whether an assistant turn is a label: OpenAI's {@code weight} 0 keeps it as context only. */
  private static boolean trained(JsonNode m, String path) throws FormatException {
    JsonNode w = m.get("weight");
    if (w == null || w.isNull()) {
      return true;
    }
    if (!w.isIntegralNumber() || (w.intValue() != 0 && w.intValue() != 1)) {
      throw new FormatException(path + ".weight", "must be 0 (context only) or 1 (trained on)");
    }
    return w.intValue() == 1;
  }

  /**
   * One message. {@code callNames} maps the ids of the calls seen so far to their tool names, so a
   * tool turn that gives only {@code tool_call_id} (as OpenAI's files do) gets its tool's name.
   */
  private static Message readMessage(JsonNode m, String path, Map<String, String> callNames)
      throws FormatException {
    if (m == null || !m.isObject()) {
      throw new FormatException(path, "a message must be an object");
    }
    JsonNode roleNode = m.get("role");
    if (roleNode == null || roleNode.isNull()) {
      throw new FormatException(path + ".role", "required");
    }
    String roleText = roleNode.isTextual() ? roleNode.textValue() : roleNode.toString();
    // OpenAI's newer models call the system turn "developer"; it plays the same part.
    Role role = "developer".equals(roleText) ? Role.SYSTEM : Role.fromWire(roleText);
    if (role == null) {
      throw new FormatException(
          path + ".role",
          "unknown role '" + roleText + "' (expected system, developer, user, assistant or tool)");
    }
    if (m.has("weight") && role != Role.ASSISTANT) {
      throw new FormatException(path + ".weight", "only assistant messages have a weight");
    }
    String content = content(m.get("content"), path + ".content");
    String name = text(m, "name", path);
    String toolCallId = text(m, "tool_call_id", path);
    List<ToolCall> calls = SampleJson.readToolCalls(m, role, path);
    // Tool turns name the call they answer by its id, which a ToolCall does not keep.
    for (int i = 0; i < calls.size(); i++) {
      String callId = text(m.get("tool_calls").get(i), "id", path + ".tool_calls[" + i + "]");
      if (callId != null) {
        callNames.put(callId, calls.get(i).name());
      }
    }
    if (role == Role.ASSISTANT && calls.isEmpty() && (content == null || content.isEmpty())) {
      throw new FormatException(path, "an assistant message needs content or tool_calls");
    }
    if (role == Role.TOOL) {
      String called = toolCallId == null ? null : callNames.get(toolCallId);
      if (name == null) {
        if (toolCallId == null) {
          throw new FormatException(
              path + ".tool_call_id",
              "required when a tool message has no name: the id of the call it answers");
        }
        if (called == null) {
          throw new FormatException(
              path + ".tool_call_id", "no earlier assistant tool call has id '" + toolCallId + "'");
        }
        name = called;
      } else if (called != null && !called.equals(name)) {
        throw new FormatException(
            path + ".name",
            "'"
                + name
                + "' differs from '"
                + called
                + "', the tool of call '"
                + toolCallId
                + "' it answers");
      }
    }
    return new Message(role, content, calls, name, toolCallId);
  }

  /** Content as a string, or a list of text parts joined as chat templates render them. */
  private static String content(JsonNode c, String path) throws FormatException {
    if (c == null || c.isNull()) {
      return null;
    }
    if (c.isTextual()) {
      return c.textValue();
    }
    if (!c.isArray()) {
      throw new FormatException(path, "must be a string, null or a list of text parts");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < c.size(); i++) {
      JsonNode part = c.get(i);
      String ppath = path + "[" + i + "]";
      if (!part.isObject()) {
        throw new FormatException(ppath, "must be a part {\"type\": \"text\", \"text\": ...}");
      }
      JsonNode type = part.get("type");
      if (type == null || !"text".equals(type.asText())) {
        throw new FormatException(
            ppath + ".type",
            "only text parts can be imported, got "
                + (type == null ? "none" : "'" + type.asText() + "'"));
      }
      JsonNode text = part.get("text");
      if (text == null || !text.isTextual()) {
        throw new FormatException(ppath + ".text", "required, must be a string");
      }
      sb.append(text.textValue());
    }
    return sb.toString();
  }

  private static String text(JsonNode n, String key, String path) throws FormatException {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new FormatException(path + "." + key, "must be a string");
    }
    return v.textValue();
  }

  @Override
  public JsonNode write(Sample sample, long index) {
    ObjectNode out = Json.object();
    ArrayNode messages = out.putArray("messages");
    for (Message m : sample.messages()) {
      ObjectNode o = message(m);
      if (m.role() == Role.ASSISTANT) {
        o.put("weight", 0);
      }
      messages.add(o);
    }
    messages.add(message(Conversations.answer(sample.label())));
    ArrayNode tools = out.putArray("tools");
    for (ToolSpec t : sample.tools()) {
      ObjectNode f = addFunction(tools);
      f.put("name", t.name());
      f.put("description", t.description());
      f.set("parameters", t.parameters().node().deepCopy());
    }
    return out;
  }

  private static ObjectNode message(Message m) {
    ObjectNode o = Json.object();
    o.put("role", m.role().wireName());
    if (m.name() != null) {
      o.put("name", m.name());
    }
    if (m.toolCallId() != null) {
      o.put("tool_call_id", m.toolCallId());
    }
    if (m.content() != null) {
      o.put("content", m.content());
    }
    if (m.hasToolCalls()) {
      ArrayNode calls = o.putArray("tool_calls");
      for (ToolCall c : m.toolCalls()) {
        ObjectNode f = addFunction(calls);
        f.put("name", c.name());
        f.set("arguments", c.arguments().deepCopy());
      }
    }
    return o;
  }

  /**
   * Appends OpenAI's wrapper of a tool or a tool call, {@code {"type": "function", "function":
   * {}}}, to {@code list} and returns its inner {@code function} object.
   */
  private static ObjectNode addFunction(ArrayNode list) {
    ObjectNode wrapper = list.addObject();
    wrapper.put("type", "function");
    return wrapper.putObject("function");
  }
}

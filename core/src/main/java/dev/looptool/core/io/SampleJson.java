package dev.looptool.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.CallArguments;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.LabelChange;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Origin;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The product's own sample format: one JSON object per sample in the OpenAI chat shape, with {@code
 * id}, {@code tools}, {@code messages}, {@code label}, {@code provenance} and {@code meta}. Reading
 * reports the exact field that is wrong; writing streams straight to a generator.
 *
 * <p>Long on purpose: reader and writer of one format stay in one file so that a field added to one
 * is seen missing from the other.
 */
public final class SampleJson {
  private SampleJson() {}

  // ---------------------------------------------------------------- reading

  public static Sample read(JsonNode node) throws FormatException {
    return read(node, null, null);
  }

  /**
   * Decodes a sample from one line's bytes, parsing each distinct tool spec only once per process
   * (see {@link SampleBytes}); errors are the same as {@link #read(JsonNode)}'s.
   */
  public static Sample read(byte[] bytes, int off, int len)
      throws SampleBytes.SyntaxException, FormatException {
    SampleBytes.Decoded d = SampleBytes.parse(bytes, off, len);
    return read(d.top(), d.tools(), d.toolsError());
  }

  private static Sample read(JsonNode node, List<ToolSpec> decodedTools, FormatException toolsError)
      throws FormatException {
    if (node == null || !node.isObject()) {
      throw new FormatException("$", "a sample must be a JSON object");
    }
    String id = requiredText(node, "id", "id");
    if (toolsError != null) {
      throw toolsError;
    }
    List<ToolSpec> tools =
        decodedTools != null ? decodedTools : readTools(node.get("tools"), "tools");
    List<Message> messages = new ArrayList<>();
    JsonNode msgs = node.get("messages");
    if (msgs == null || !msgs.isArray()) {
      throw new FormatException("messages", "required, must be an array of chat messages");
    }
    for (int i = 0; i < msgs.size(); i++) {
      messages.add(readMessage(msgs.get(i), "messages[" + i + "]"));
    }
    JsonNode labelNode = node.get("label");
    if (labelNode == null || labelNode.isNull()) {
      throw new FormatException("label", "required: {\"calls\": [...]} or {\"text\": \"...\"}");
    }
    Label label = readLabel(labelNode, "label");
    Provenance provenance = readProvenance(node.get("provenance"), "provenance");
    JsonNode meta = node.get("meta");
    if (meta != null && !meta.isNull() && !meta.isObject()) {
      throw new FormatException("meta", "must be an object");
    }
    return new Sample(
        id,
        tools,
        messages,
        label,
        provenance,
        meta == null || meta.isNull() ? null : (ObjectNode) meta);
  }

  public static List<ToolSpec> readTools(JsonNode tools, String path) throws FormatException {
    if (tools == null || tools.isNull()) {
      return List.of();
    }
    if (!tools.isArray()) {
      throw new FormatException(path, "must be an array of tool specs");
    }
    List<ToolSpec> out = new ArrayList<>(tools.size());
    for (int i = 0; i < tools.size(); i++) {
      out.add(readTool(tools.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /**
   * Reads a tool in the OpenAI shape {type: function, function: {...}} or the bare function object.
   */
  public static ToolSpec readTool(JsonNode t, String path) throws FormatException {
    if (t == null || !t.isObject()) {
      throw new FormatException(path, "a tool spec must be an object");
    }
    JsonNode f = t;
    String fpath = path;
    if (t.has("function")) {
      f = t.get("function");
      fpath = path + ".function";
      if (!f.isObject()) {
        throw new FormatException(fpath, "must be an object with name, description, parameters");
      }
    }
    String name = requiredText(f, "name", fpath + ".name");
    JsonNode desc = f.get("description");
    if (desc != null && !desc.isNull() && !desc.isTextual()) {
      throw new FormatException(fpath + ".description", "must be a string");
    }
    JsonNode params = f.get("parameters");
    if (params != null && !params.isNull() && !params.isObject()) {
      throw new FormatException(fpath + ".parameters", "must be a JSON Schema object");
    }
    JsonNode returns = f.get("returns");
    if (returns != null && !returns.isNull() && !returns.isObject()) {
      throw new FormatException(fpath + ".returns", "must be a JSON Schema object");
    }
    return new ToolSpec(
        name,
        desc == null || desc.isNull() ? "" : desc.textValue(),
        params == null || params.isNull() ? null : JsonSchema.wrapOwned((ObjectNode) params),
        returns == null || returns.isNull() ? null : JsonSchema.wrapOwned((ObjectNode) returns));
  }

  public static Message readMessage(JsonNode m, String path) throws FormatException {
    if (m == null || !m.isObject()) {
      throw new FormatException(path, "a message must be an object");
    }
    String roleText = requiredText(m, "role", path + ".role");
    Role role = Role.fromWire(roleText);
    if (role == null) {
      throw new FormatException(
          path + ".role",
          "unknown role '" + roleText + "' (expected system, user, assistant or tool)");
    }
    JsonNode content = m.get("content");
    if (content != null && !content.isNull() && !content.isTextual()) {
      throw new FormatException(path + ".content", "must be a string or null");
    }
    List<ToolCall> calls = readToolCalls(m, role, path);
    return new Message(
        role,
        content == null || content.isNull() ? null : content.textValue(),
        calls,
        optionalText(m, "name", path + ".name"),
        optionalText(m, "tool_call_id", path + ".tool_call_id"));
  }

  /**
   * The {@code tool_calls} of a chat message (empty when absent); only an assistant message may
   * carry them.
   */
  public static List<ToolCall> readToolCalls(JsonNode m, Role role, String path)
      throws FormatException {
    JsonNode tc = m.get("tool_calls");
    if (tc == null || tc.isNull()) {
      return List.of();
    }
    if (role != Role.ASSISTANT) {
      throw new FormatException(
          path + ".tool_calls", "only assistant messages may carry tool calls");
    }
    if (!tc.isArray()) {
      throw new FormatException(path + ".tool_calls", "must be an array");
    }
    List<ToolCall> calls = new ArrayList<>(tc.size());
    for (int i = 0; i < tc.size(); i++) {
      calls.add(readCall(tc.get(i), path + ".tool_calls[" + i + "]"));
    }
    return calls;
  }

  /**
   * Reads a call as {name, arguments} or in the OpenAI shape {type, function: {name, arguments}},
   * where arguments may be an object or a string holding a JSON object (as the OpenAI API sends).
   */
  public static ToolCall readCall(JsonNode c, String path) throws FormatException {
    if (c == null || !c.isObject()) {
      throw new FormatException(path, "a tool call must be an object");
    }
    JsonNode f = c;
    String fpath = path;
    if (c.has("function")) {
      f = c.get("function");
      fpath = path + ".function";
      if (!f.isObject()) {
        throw new FormatException(fpath, "must be an object with name and arguments");
      }
    }
    String name = requiredText(f, "name", fpath + ".name");
    try {
      return new ToolCall(name, CallArguments.read(f.get("arguments")));
    } catch (CallArguments.InvalidException e) {
      throw new FormatException(
          fpath + ".arguments",
          switch (e.problem()) {
            case STRING_NOT_JSON -> "string is not valid JSON: " + e.getMessage();
            case STRING_NOT_OBJECT -> "must encode a JSON object";
            case NOT_OBJECT -> "must be a JSON object";
          });
    }
  }

  public static Label readLabel(JsonNode l, String path) throws FormatException {
    if (!l.isObject()) {
      throw new FormatException(
          path, "must be an object: {\"calls\": [...]} or {\"text\": \"...\"}");
    }
    JsonNode calls = l.get("calls");
    JsonNode text = l.get("text");
    if (text != null && !text.isNull() && !text.isTextual()) {
      throw new FormatException(path + ".text", "must be a string");
    }
    if ((calls == null || calls.isNull()) && (text == null || text.isNull())) {
      throw new FormatException(
          path, "needs \"calls\" (a list of tool calls) or \"text\" (a text answer)");
    }
    List<ToolCall> out = List.of();
    if (calls != null && !calls.isNull()) {
      if (!calls.isArray()) {
        throw new FormatException(path + ".calls", "must be an array of tool calls");
      }
      out = new ArrayList<>(calls.size());
      for (int i = 0; i < calls.size(); i++) {
        out.add(readCall(calls.get(i), path + ".calls[" + i + "]"));
      }
    }
    return new Label(out, text == null || text.isNull() ? null : text.textValue());
  }

  static Provenance readProvenance(JsonNode p, String path) throws FormatException {
    if (p == null || p.isNull()) {
      return Provenance.seed();
    }
    if (!p.isObject()) {
      throw new FormatException(path, "must be an object");
    }
    String originText = requiredText(p, "origin", path + ".origin");
    Origin origin;
    try {
      origin = Origin.valueOf(originText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new FormatException(
          path + ".origin",
          "unknown origin '" + originText + "' (expected seed, imported, corrected or expanded)");
    }
    int iteration = optionalInt(p, "iteration", path + ".iteration");
    List<LabelChange> history = new ArrayList<>();
    JsonNode h = p.get("label_history");
    if (h != null && !h.isNull()) {
      if (!h.isArray()) {
        throw new FormatException(path + ".label_history", "must be an array");
      }
      for (int i = 0; i < h.size(); i++) {
        String hp = path + ".label_history[" + i + "]";
        JsonNode e = h.get(i);
        if (!e.isObject()) {
          throw new FormatException(hp, "must be an object");
        }
        JsonNode prev = e.get("previous");
        if (prev == null || prev.isNull()) {
          throw new FormatException(hp + ".previous", "required: the label before the change");
        }
        history.add(
            new LabelChange(
                optionalInt(e, "iteration", hp + ".iteration"),
                readLabel(prev, hp + ".previous"),
                optionalText(e, "verdict", hp + ".verdict"),
                optionalText(e, "reason", hp + ".reason")));
      }
    }
    return new Provenance(
        origin, optionalText(p, "parent_id", path + ".parent_id"), iteration, history);
  }

  private static String requiredText(JsonNode n, String key, String path) throws FormatException {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      throw new FormatException(path, "required");
    }
    if (!v.isTextual()) {
      throw new FormatException(path, "must be a string");
    }
    if (v.textValue().isEmpty()) {
      throw new FormatException(path, "must not be empty");
    }
    return v.textValue();
  }

  private static String optionalText(JsonNode n, String key, String path) throws FormatException {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new FormatException(path, "must be a string");
    }
    return v.textValue();
  }

  private static int optionalInt(JsonNode n, String key, String path) throws FormatException {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new FormatException(path, "must be an integer");
    }
    return v.intValue();
  }

  // ---------------------------------------------------------------- writing

  /** Compact JSON of a sample, one line, no trailing newline. */
  public static String toJson(Sample s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      write(s, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  public static JsonNode toTree(Sample s) {
    try {
      return Json.MAPPER.readTree(toJson(s));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Sample s, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", s.id());
    g.writeArrayFieldStart("tools");
    for (ToolSpec t : s.tools()) {
      writeTool(t, g);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("messages");
    for (Message m : s.messages()) {
      writeMessage(m, g);
    }
    g.writeEndArray();
    g.writeFieldName("label");
    writeLabel(s.label(), g);
    g.writeFieldName("provenance");
    writeProvenance(s.provenance(), g);
    if (!s.meta().isEmpty()) {
      g.writeFieldName("meta");
      g.writeTree(s.meta());
    }
    g.writeEndObject();
  }

  public static void writeTool(ToolSpec t, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "function");
    g.writeObjectFieldStart("function");
    g.writeStringField("name", t.name());
    g.writeStringField("description", t.description());
    g.writeFieldName("parameters");
    g.writeTree(t.parameters().node());
    if (t.returns() != null) {
      g.writeFieldName("returns");
      g.writeTree(t.returns().node());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  public static void writeMessage(Message m, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("role", m.role().wireName());
    if (m.name() != null) {
      g.writeStringField("name", m.name());
    }
    if (m.toolCallId() != null) {
      g.writeStringField("tool_call_id", m.toolCallId());
    }
    if (m.content() == null) {
      g.writeNullField("content");
    } else {
      g.writeStringField("content", m.content());
    }
    if (m.hasToolCalls()) {
      g.writeArrayFieldStart("tool_calls");
      for (ToolCall c : m.toolCalls()) {
        g.writeStartObject();
        g.writeStringField("type", "function");
        g.writeFieldName("function");
        writeCall(c, g);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  public static void writeCall(ToolCall c, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", c.name());
    g.writeFieldName("arguments");
    g.writeTree(c.arguments());
    g.writeEndObject();
  }

  public static void writeLabel(Label l, JsonGenerator g) throws IOException {
    g.writeStartObject();
    if (!l.calls().isEmpty() || l.text() == null) {
      g.writeArrayFieldStart("calls");
      for (ToolCall c : l.calls()) {
        writeCall(c, g);
      }
      g.writeEndArray();
    }
    if (l.text() != null) {
      g.writeStringField("text", l.text());
    }
    g.writeEndObject();
  }

  static void writeProvenance(Provenance p, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("origin", p.origin().name().toLowerCase(Locale.ROOT));
    if (p.parentId() != null) {
      g.writeStringField("parent_id", p.parentId());
    }
    g.writeNumberField("iteration", p.iteration());
    if (!p.labelHistory().isEmpty()) {
      g.writeArrayFieldStart("label_history");
      for (LabelChange c : p.labelHistory()) {
        g.writeStartObject();
        g.writeNumberField("iteration", c.iteration());
        g.writeFieldName("previous");
        writeLabel(c.previous(), g);
        if (c.verdict() != null) {
          g.writeStringField("verdict", c.verdict());
        }
        if (c.reason() != null) {
          g.writeStringField("reason", c.reason());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** Compact JSON of a call list as {"name","arguments"} objects. */
  public static String callsToJson(List<ToolCall> calls) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartArray();
      for (ToolCall c : calls) {
        writeCall(c, g);
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}

package dev.looptool.policy.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The small model's prompt and answer format. The prompt is compact (a small model has a short
 * context): the conversation first, then one signature line per tool, so that cutting from the left
 * drops the oldest turns before any tool. The answer is the Hermes call blocks written without
 * whitespace, so {@link HermesFormat#parse} and ToolMatch apply to it unchanged; a text answer is
 * the text itself.
 */
public final class CompactFormat {
  private CompactFormat() {}

  /**
   * One tool as a signature: {@code name(city*:string,unit:celsius|fahrenheit)}; '*' marks
   * required.
   */
  public static String signature(ToolSpec tool) {
    StringBuilder sb = new StringBuilder(tool.name()).append('(');
    JsonSchema params = tool.parameters();
    List<String> required = params.required();
    boolean first = true;
    for (Map.Entry<String, JsonSchema> p : params.properties().entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(p.getKey());
      if (required.contains(p.getKey())) {
        sb.append('*');
      }
      sb.append(':').append(typeOf(p.getValue()));
    }
    return sb.append(')').toString();
  }

  private static String typeOf(JsonSchema s) {
    List<JsonNode> enums = s.enumValues();
    if (enums != null && !enums.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode e : enums) {
        if (sb.length() > 0) {
          sb.append('|');
        }
        sb.append(e.isTextual() ? e.textValue() : Json.compact(e));
      }
      return sb.toString();
    }
    String t = s.type();
    if ("array".equals(t) && s.items() != null) {
      return typeOf(s.items()) + "[]";
    }
    if ("object".equals(t) && !s.properties().isEmpty()) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<String, JsonSchema> p : s.properties().entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append(p.getKey()).append(':').append(typeOf(p.getValue()));
      }
      return sb.append('}').toString();
    }
    return t == null ? "any" : t;
  }

  /** The answer text for a label: compact call blocks, or the label's text when it has no call. */
  public static String answer(Label label) {
    if (label.isText()) {
      return label.text() == null ? "" : label.text();
    }
    return calls(label.calls());
  }

  /**
   * Call blocks with no whitespace: {@code <tool_call>{"name":"f","arguments":{...}}</tool_call>}.
   */
  public static String calls(List<ToolCall> calls) {
    StringBuilder sb = new StringBuilder();
    for (ToolCall c : calls) {
      ObjectNode o = Json.object();
      o.put("name", c.name());
      o.set("arguments", c.arguments());
      sb.append(HermesFormat.CALL_OPEN).append(Json.compact(o)).append(HermesFormat.CALL_CLOSE);
    }
    return sb.toString();
  }

  /**
   * The prompt segments of a sample, each a token list; the first is BOS, the last ends in ANSWER.
   */
  public static List<int[]> promptSegments(
      Tokenizer tok, List<ToolSpec> tools, List<Message> messages) {
    List<int[]> segs = new ArrayList<>();
    segs.add(new int[] {Tokenizer.BOS});
    for (Message m : messages) {
      int marker;
      String text;
      if (m.role() == Role.USER || m.role() == Role.SYSTEM) {
        // A system turn is rare in the world's data; it reads as an instruction from the user side.
        marker = Tokenizer.USER;
        text = m.content() == null ? "" : m.content();
      } else if (m.role() == Role.ASSISTANT) {
        marker = Tokenizer.ASSISTANT;
        String content = m.content() == null ? "" : m.content();
        text = m.hasToolCalls() ? content + calls(m.toolCalls()) : content;
      } else {
        marker = Tokenizer.TOOL_RESULT;
        text = m.content() == null ? "" : m.content();
      }
      segs.add(prepend(marker, tok.encode(text)));
    }
    StringBuilder sigs = new StringBuilder();
    for (ToolSpec t : tools) {
      if (sigs.length() > 0) {
        sigs.append('\n');
      }
      sigs.append(signature(t));
    }
    int[] toolIds = tok.encode(sigs.toString());
    int[] last = new int[toolIds.length + 2];
    last[0] = Tokenizer.TOOLS;
    System.arraycopy(toolIds, 0, last, 1, toolIds.length);
    last[last.length - 1] = Tokenizer.ANSWER;
    segs.add(last);
    return segs;
  }

  private static int[] prepend(int marker, int[] ids) {
    int[] out = new int[ids.length + 1];
    out[0] = marker;
    System.arraycopy(ids, 0, out, 1, ids.length);
    return out;
  }

  /**
   * The prompt ids of a sample within {@code budget} tokens: whole turns between the first and the
   * last are dropped, oldest first; then the front of what is left is cut; BOS always leads. The
   * first turn is the request that set the task (a later step of a multi-step task needs its dates
   * and names, which dropping it would lose), the last one is what to answer now.
   */
  public static Prompt prompt(Tokenizer tok, Sample s, int budget) {
    List<int[]> segs = promptSegments(tok, s.tools(), s.messages());
    int total = 0;
    for (int[] g : segs) {
      total += g.length;
    }
    boolean truncated = false;
    // segs: BOS, the turns, then the tools block; index 1 is the first turn.
    while (total > budget && segs.size() > 4) {
      total -= segs.remove(2).length;
      truncated = true;
    }
    int[] ids = new int[total];
    int n = 0;
    for (int[] g : segs) {
      System.arraycopy(g, 0, ids, n, g.length);
      n += g.length;
    }
    if (ids.length > budget) {
      int[] cut = new int[budget];
      cut[0] = Tokenizer.BOS;
      System.arraycopy(ids, ids.length - (budget - 1), cut, 1, budget - 1);
      ids = cut;
      truncated = true;
    }
    return new Prompt(ids, truncated);
  }

  /** Prompt token ids and whether anything was cut to fit. */
  public record Prompt(int[] ids, boolean truncated) {}
}

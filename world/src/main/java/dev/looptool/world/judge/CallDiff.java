package dev.looptool.world.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.json.JsonValues;
import dev.looptool.core.model.ToolCall;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Says in a few words how calls differ from the true ones: the one-line analysis of a simulated
 * judge.
 */
public final class CallDiff {
  private CallDiff() {}

  /**
   * "" when the calls are the true ones (as given), else e.g. "wrong value of 'city'; missing
   * 'date'".
   */
  public static String describe(List<ToolCall> calls, List<ToolCall> truth, boolean truthIsText) {
    if (truthIsText) {
      return calls.isEmpty()
          ? ""
          : "calls " + calls.get(0).name() + " although the request needs a text answer";
    }
    if (calls.isEmpty()) {
      return "answers in text although the request needs a tool call";
    }
    List<String> out = new ArrayList<>();
    if (calls.size() != truth.size()) {
      out.add("makes " + calls.size() + " call(s) where " + truth.size() + " are needed");
    }
    List<ToolCall> unmatched = new ArrayList<>(calls);
    for (ToolCall want : truth) {
      ToolCall best = null;
      for (ToolCall c : unmatched) {
        if (c.name().equals(want.name())) {
          best = c;
          break;
        }
      }
      if (best == null) {
        out.add("does not call " + want.name());
        continue;
      }
      unmatched.remove(best);
      for (Map.Entry<String, JsonNode> e : want.arguments().properties()) {
        JsonNode got = best.arguments().get(e.getKey());
        if (got == null) {
          out.add("missing '" + e.getKey() + "'");
        } else if (!JsonValues.equal(got, e.getValue())) {
          out.add(
              (got.getNodeType() != e.getValue().getNodeType()
                          && !(got.isNumber() && e.getValue().isNumber())
                      ? "wrong type of '"
                      : "wrong value of '")
                  + e.getKey()
                  + "'");
        }
      }
      for (Iterator<String> it = best.arguments().fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!want.arguments().has(k)) {
          out.add("unexpected '" + k + "'");
        }
      }
    }
    for (ToolCall c : unmatched) {
      out.add("calls " + c.name() + " needlessly");
    }
    return String.join("; ", out);
  }

  /**
   * The names of the arguments (or "tool") a wrong answer got wrong relative to the correct one.
   */
  public static List<String> wrongArguments(List<ToolCall> correct, List<ToolCall> wrong) {
    List<String> out = new ArrayList<>();
    List<ToolCall> pool = new ArrayList<>(wrong);
    for (ToolCall want : correct) {
      ToolCall got = null;
      for (ToolCall c : pool) {
        if (c.name().equals(want.name())) {
          got = c;
          break;
        }
      }
      if (got == null) {
        if (!out.contains("tool")) {
          out.add("tool");
        }
        continue;
      }
      pool.remove(got);
      for (Map.Entry<String, JsonNode> e : want.arguments().properties()) {
        JsonNode g = got.arguments().get(e.getKey());
        if ((g == null || !JsonValues.equal(g, e.getValue())) && !out.contains(e.getKey())) {
          out.add(e.getKey());
        }
      }
    }
    return out;
  }
}

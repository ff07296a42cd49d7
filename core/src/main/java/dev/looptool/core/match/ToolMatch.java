package dev.looptool.core.match;

import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.json.JsonValues;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.ToolCall;
import java.util.List;

/**
 * The LoopTool reward and mastered test. Two call lists match when they are equal as multisets
 * (order free, multiplicity counts); two calls are equal when their names are equal and their
 * arguments are equal as JSON with key order ignored and numbers compared by value. A label with no
 * call matches a prediction with no call. Unparseable output never matches.
 */
public final class ToolMatch {
  private ToolMatch() {}

  /** Whether a raw model output (thinking removed, calls parsed) matches the label. */
  public static boolean matches(String output, Label label) {
    return matches(HermesFormat.parse(output), label);
  }

  public static boolean matches(ParsedOutput prediction, Label label) {
    return prediction.parsed() && matches(prediction.calls(), label.calls());
  }

  /** The binary GRPO reward: 1 on a match, else 0. */
  public static double reward(String output, Label label) {
    return matches(output, label) ? 1.0 : 0.0;
  }

  /** Multiset equality of two call lists under {@link #sameCall}. */
  public static boolean matches(List<ToolCall> predicted, List<ToolCall> expected) {
    int n = predicted.size();
    if (n != expected.size()) {
      return false;
    }
    // Call equality is an equivalence relation, so greedy pairing finds a perfect matching
    // whenever one exists.
    boolean[] used = new boolean[n];
    for (ToolCall want : expected) {
      boolean found = false;
      for (int i = 0; i < n; i++) {
        if (!used[i] && sameCall(predicted.get(i), want)) {
          used[i] = true;
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  public static boolean sameCall(ToolCall a, ToolCall b) {
    return a.name().equals(b.name()) && JsonValues.equal(a.arguments(), b.arguments());
  }
}

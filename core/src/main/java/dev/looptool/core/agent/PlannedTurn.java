package dev.looptool.core.agent;

import dev.looptool.core.model.ToolCall;
import java.util.List;

/**
 * One assistant turn the planner intends: the calls it should make (none for a text answer), the
 * parameter it must ask for first (clarify), and, for a dependent step, which argument comes from
 * which place in the previous turn's result.
 *
 * @param calls the intended calls; a dependent argument is absent here and filled from the result
 * @param askFor the parameter a clarifying question asks for, or null
 * @param dependentParameter the argument of {@code calls.get(0)} taken from the previous result, or
 *     null
 * @param sourcePointer JSON pointer into the previous turn's (first) tool result, or null
 * @param text the text answer when there is no call (a refusal), or null
 */
public record PlannedTurn(
    List<ToolCall> calls,
    String askFor,
    String dependentParameter,
    String sourcePointer,
    String text) {
  public PlannedTurn {
    calls = calls == null ? List.of() : List.copyOf(calls);
  }

  public static PlannedTurn calls(List<ToolCall> calls) {
    return new PlannedTurn(calls, null, null, null, null);
  }

  public boolean isText() {
    return calls.isEmpty();
  }
}

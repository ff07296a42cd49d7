package dev.looptool.core.agent;

import java.util.Locale;

/**
 * The five dialogue shapes the planner chooses from; {@link #wireName()} is what sample meta
 * carries.
 */
public enum Shape {
  /** One request, one call. */
  SINGLE,
  /**
   * One request answered by several calls at once (the same tool several times, or different
   * tools).
   */
  PARALLEL,
  /** A later call takes an argument from an earlier call's result. */
  MULTI_STEP,
  /** A required value is missing: a clarifying question, the user's answer, then the call. */
  CLARIFY,
  /** No offered tool serves the request: a text answer. */
  NO_TOOL;

  private final String wire = name().toLowerCase(Locale.ROOT);

  public String wireName() {
    return wire;
  }

  /** Parses a wire name such as "multi_step" (case-insensitive). */
  public static Shape fromWire(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown shape '" + s + "' (expected single, parallel, multi_step, clarify or no_tool)");
    }
  }
}

package dev.looptool.core.model;

import java.util.Locale;

/** Who speaks a message, as in the OpenAI chat format. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT,
  TOOL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "system", "user", "assistant" or "tool"; returns null for anything else. */
  public static Role fromWire(String s) {
    if (s == null) {
      return null;
    }
    switch (s) {
      case "system":
        return SYSTEM;
      case "user":
        return USER;
      case "assistant":
        return ASSISTANT;
      case "tool":
        return TOOL;
      default:
        return null;
    }
  }
}

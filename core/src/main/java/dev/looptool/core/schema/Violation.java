package dev.looptool.core.schema;

/**
 * One way a tool call breaks its tool's spec. {@code pointer} is a JSON pointer into the call
 * object ({@code /name}, {@code /arguments/passengers/0/age}).
 */
public record Violation(Kind kind, String pointer, String message) {

  /** The rule that was broken. */
  public enum Kind {
    UNKNOWN_TOOL,
    MISSING_REQUIRED,
    UNKNOWN_PARAMETER,
    WRONG_TYPE,
    NOT_IN_ENUM,
    BAD_FORMAT
  }

  @Override
  public String toString() {
    return kind + " at " + pointer + ": " + message;
  }
}

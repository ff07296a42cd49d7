package dev.looptool.core.io;

/**
 * A record that does not have the shape its format requires. {@code field} is the path of the
 * offending field inside the record (e.g. {@code messages[2].tool_calls[0].function.name}).
 */
public class FormatException extends Exception {
  private final String field;

  public FormatException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  @Override
  public String toString() {
    return field + ": " + getMessage();
  }
}

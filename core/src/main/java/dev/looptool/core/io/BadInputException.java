package dev.looptool.core.io;

/**
 * Input that cannot be used: a malformed file, an invalid setting, data that leaves a stage nothing
 * to do. Its message names the file, line or field and what would fix it. A retry cannot help, so
 * activities report it as non-retryable; being its own type, it is never confused with a
 * programming error such as an {@link IllegalArgumentException}.
 */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}

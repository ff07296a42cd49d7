package dev.looptool.core.io;

/**
 * A problem with one line of a file, printed as {@code FILE:LINE: field: message} so editors and
 * terminals can jump to it.
 */
public record LineError(String file, long line, String field, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + field + ": " + message;
  }
}

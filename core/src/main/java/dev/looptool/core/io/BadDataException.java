package dev.looptool.core.io;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input data that cannot be used, line by line; the message lists the offending lines as FILE:LINE:
 * field: message.
 */
public class BadDataException extends BadInputException {
  private final List<LineError> errors;

  public BadDataException(List<LineError> errors) {
    super(summary(errors));
    this.errors = List.copyOf(errors);
  }

  public List<LineError> errors() {
    return errors;
  }

  private static String summary(List<LineError> errors) {
    String head =
        errors.stream().limit(10).map(LineError::toString).collect(Collectors.joining("\n  "));
    return errors.size() + " bad line(s):\n  " + head + (errors.size() > 10 ? "\n  ..." : "");
  }
}

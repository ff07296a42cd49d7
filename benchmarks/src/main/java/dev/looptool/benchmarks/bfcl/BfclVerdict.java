package dev.looptool.benchmarks.bfcl;

import java.util.function.Supplier;

/**
 * The outcome of checking one model output against one BFCL entry: valid, or the official error
 * type (e.g. {@code type_error:simple}) with a readable message. The message is built only when
 * asked for, since most callers need only the verdict and the error type.
 */
public final class BfclVerdict {
  public static final BfclVerdict VALID = new BfclVerdict(true, null, null);

  private final boolean valid;
  private final String errorType;
  private Supplier<String> message;
  private String error;

  private BfclVerdict(boolean valid, String errorType, Supplier<String> message) {
    this.valid = valid;
    this.errorType = errorType;
    this.message = message;
  }

  public static BfclVerdict invalid(String errorType, String error) {
    BfclVerdict v = new BfclVerdict(false, errorType, null);
    v.error = error;
    return v;
  }

  public static BfclVerdict invalid(String errorType, Supplier<String> error) {
    return new BfclVerdict(false, errorType, error);
  }

  public boolean valid() {
    return valid;
  }

  /** The official error type, or null when valid. */
  public String errorType() {
    return errorType;
  }

  /** A readable explanation, or null when valid. */
  public synchronized String error() {
    if (message != null) {
      error = message.get();
      message = null;
    }
    return error;
  }

  @Override
  public String toString() {
    return valid ? "valid" : errorType + ": " + error();
  }
}

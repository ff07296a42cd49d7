package dev.looptool.benchmarks.bfcl;

/**
 * A function doc names a parameter type the official evaluator cannot handle (it raises there); the
 * checker reports such a call as invalid with error type {@code ast_checker:unsupported_type}.
 */
public final class UnsupportedTypeException extends RuntimeException {
  public UnsupportedTypeException(String message) {
    super(message);
  }
}

package dev.looptool.core.bfcl;

/**
 * The outcome of checking one model output against one BFCL entry: valid, or the official error
 * type (e.g. {@code type_error:simple}) with a readable message.
 */
public record BfclVerdict(boolean valid, String errorType, String error) {
  public static final BfclVerdict VALID = new BfclVerdict(true, null, null);

  public static BfclVerdict invalid(String errorType, String error) {
    return new BfclVerdict(false, errorType, error);
  }
}

package dev.looptool.benchmarks.acebench;

/**
 * The outcome of checking one model output against one ACEBench entry, with ACEBench's error type.
 */
public record AcebenchVerdict(boolean valid, String errorType, String error) {
  public static final AcebenchVerdict VALID = new AcebenchVerdict(true, null, null);

  public static AcebenchVerdict invalid(String errorType, String error) {
    return new AcebenchVerdict(false, errorType, error);
  }
}

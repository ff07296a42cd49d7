package dev.looptool.core.stats;

/**
 * An accuracy measured on {@code n} samples with its 95 % Wilson score interval. Wilson's interval
 * stays inside [0, 1] and keeps its coverage near 0 and 1, where the normal approximation does not
 * (a model at 97 % on 200 samples).
 */
public record Accuracy(long matched, long n, double low, double high) {
  /** The two-sided 95 % normal quantile. */
  static final double Z95 = 1.959963984540054;

  public static Accuracy of(long matched, long n) {
    if (n < 0 || matched < 0 || matched > n) {
      throw new IllegalArgumentException("accuracy of " + matched + " out of " + n);
    }
    if (n == 0) {
      return new Accuracy(0, 0, 0, 1);
    }
    double p = (double) matched / n;
    double z2 = Z95 * Z95;
    double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    return new Accuracy(matched, n, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  public double value() {
    return n == 0 ? 0 : (double) matched / n;
  }
}

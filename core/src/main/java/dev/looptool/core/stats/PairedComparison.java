package dev.looptool.core.stats;

/**
 * Two models scored on the same test samples, compared pair by pair (McNemar's test, exact form):
 * only the samples on which they disagree carry evidence, {@code onlyA} that A matched and B did
 * not, {@code onlyB} the reverse. Under the null hypothesis of equal accuracy each disagreement
 * goes either way with probability one half, so the two-sided p-value is twice the binomial tail of
 * the smaller count (at most 1). Exact, so it holds for the handful of disagreements two close
 * models have on a thousand samples, where the chi-square approximation does not.
 */
public record PairedComparison(long n, long onlyA, long onlyB, double pValue) {

  /**
   * Compares two per-sample outcome strings of equal length ('1' matched, '0' not), A against B.
   */
  public static PairedComparison of(String a, String b) {
    if (a.length() != b.length()) {
      throw new IllegalArgumentException(
          "paired outcomes differ in length: " + a.length() + " vs " + b.length());
    }
    long onlyA = 0;
    long onlyB = 0;
    for (int i = 0; i < a.length(); i++) {
      boolean x = a.charAt(i) == '1';
      boolean y = b.charAt(i) == '1';
      onlyA += x && !y ? 1 : 0;
      onlyB += y && !x ? 1 : 0;
    }
    return new PairedComparison(a.length(), onlyA, onlyB, exactPValue(onlyA, onlyB));
  }

  /** The difference of accuracies A − B. */
  public double difference() {
    return n == 0 ? 0 : (double) (onlyA - onlyB) / n;
  }

  /** Two-sided exact McNemar p-value for {@code b} and {@code c} discordant pairs. */
  public static double exactPValue(long b, long c) {
    long m = b + c;
    if (m == 0) {
      return 1.0;
    }
    long k = Math.min(b, c);
    // P(X <= k) for X ~ Binomial(m, 1/2), summed in log space so large m does not underflow.
    double logHalfPowM = m * Math.log(0.5);
    double tail = 0;
    for (long i = 0; i <= k; i++) {
      tail += Math.exp(logChoose(m, i) + logHalfPowM);
    }
    return Math.min(1.0, 2 * tail);
  }

  private static double logChoose(long n, long k) {
    return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
  }

  private static double logFactorial(long n) {
    double s = 0;
    for (long i = 2; i <= n; i++) {
      s += Math.log(i);
    }
    return s;
  }
}

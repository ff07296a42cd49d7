package dev.looptool.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.looptool.core.io.BadInputException;
import dev.looptool.policy.text.Tokenizer;
import dev.looptool.policy.train.Rng;

/**
 * Batched autoregressive decoding with the KV cache: prompts are left-padded to one length and
 * prefilled in one pass, then each step feeds one token per row. Token choice happens in Java on
 * the last position's logits (greedy, or Gumbel-max sampling at a temperature with an explicit,
 * checkpointable RNG, since the engine lacks multinomial sampling).
 */
public final class Generator {
  private static final float MASKED = -1e9f;

  private Generator() {}

  /**
   * One decoded continuation: its tokens (EOS included when reached) and their log-probabilities.
   */
  public record Completion(int[] tokens, double[] logProbs, boolean finished) {}

  /**
   * Decodes up to {@code maxNew} tokens after each prompt. With {@code rng == null} decoding is
   * greedy and log-probabilities are at temperature 1; otherwise tokens are sampled from the
   * softmax at {@code temperature} and log-probabilities are of that tempered distribution.
   */
  public static Completion[] generate(
      Decoder decoder, NDManager parent, int[][] prompts, int maxNew, double temperature, Rng rng) {
    return generate(decoder, parent, prompts, maxNew, temperature, rng, true);
  }

  /** As above; with {@code stopAtEos} false every row decodes exactly the budget (benchmarks). */
  public static Completion[] generate(
      Decoder decoder,
      NDManager parent,
      int[][] prompts,
      int maxNew,
      double temperature,
      Rng rng,
      boolean stopAtEos) {
    int rows = prompts.length;
    int p = 0;
    for (int[] pr : prompts) {
      p = Math.max(p, pr.length);
    }
    int budget = Math.min(maxNew, decoder.config().maxSeq() - p);
    if (budget < 1) {
      throw new BadInputException(
          "prompt of "
              + p
              + " tokens leaves no room to decode within "
              + decoder.config().maxSeq());
    }
    int[] budgets = new int[rows];
    java.util.Arrays.fill(budgets, budget);
    // One chooser shares the RNG across rows, drawn in row order at each step.
    TokenChooser one = rng == null ? GREEDY : gumbel(temperature, rng);
    TokenChooser[] choosers = new TokenChooser[rows];
    java.util.Arrays.fill(choosers, one);
    return generate(decoder, parent, prompts, budgets, choosers, stopAtEos);
  }

  /**
   * How a row picks its next token from the last position's logits, and the log-probability
   * reported for that token. Rows are asked in row order at every step, done rows skipped.
   */
  public interface TokenChooser {
    int choose(float[] logits, int off, int vocab);

    double logProb(float[] logits, int off, int vocab, int token);
  }

  /** Argmax, with the log-probability at temperature 1. */
  public static final TokenChooser GREEDY =
      new TokenChooser() {
        @Override
        public int choose(float[] logits, int off, int vocab) {
          return argmax(logits, off, vocab);
        }

        @Override
        public double logProb(float[] logits, int off, int vocab, int token) {
          return Generator.logProb(logits, off, vocab, token, 1.0);
        }
      };

  /** Gumbel-max sampling at a temperature, with the tempered log-probability. */
  static TokenChooser gumbel(double temperature, Rng rng) {
    return new TokenChooser() {
      @Override
      public int choose(float[] logits, int off, int vocab) {
        return gumbelMax(logits, off, vocab, temperature, rng);
      }

      @Override
      public double logProb(float[] logits, int off, int vocab, int token) {
        return Generator.logProb(logits, off, vocab, token, temperature);
      }
    };
  }

  /**
   * Decodes each row with its own budget and chooser (a server's requests in one batch). A row
   * stops at EOS (if {@code stopAtEos}) or after {@code maxNew[r]} tokens; its positions must stay
   * within the model's context.
   */
  public static Completion[] generate(
      Decoder decoder,
      NDManager parent,
      int[][] prompts,
      int[] maxNew,
      TokenChooser[] choosers,
      boolean stopAtEos) {
    int rows = prompts.length;
    int vocab = decoder.config().vocabSize();
    int p = 0;
    int budget = 0;
    for (int r = 0; r < rows; r++) {
      p = Math.max(p, prompts[r].length);
      if (maxNew[r] < 1 || prompts[r].length + maxNew[r] > decoder.config().maxSeq()) {
        throw new BadInputException(
            "prompt of "
                + prompts[r].length
                + " tokens and "
                + maxNew[r]
                + " new ones do not fit within "
                + decoder.config().maxSeq());
      }
      budget = Math.max(budget, maxNew[r]);
    }
    int[] pad = new int[rows];
    int[][] out = new int[rows][budget];
    double[][] lps = new double[rows][budget];
    int[] len = new int[rows];
    boolean[] done = new boolean[rows];
    boolean[] stopped = new boolean[rows];
    int live = rows;
    try (NDManager decode = parent.newSubManager();
        KvCache cache = new KvCache(decode, decoder.config().layers())) {
      float[] logits;
      try (NDManager step = decode.newSubManager()) {
        long[] ids = new long[rows * p];
        long[] pos = new long[rows * p];
        float[] bias = new float[rows * p * p];
        for (int r = 0; r < rows; r++) {
          pad[r] = p - prompts[r].length;
          for (int j = 0; j < p; j++) {
            ids[r * p + j] = j < pad[r] ? Tokenizer.PAD : prompts[r][j - pad[r]];
            pos[r * p + j] = Math.max(0, j - pad[r]);
            for (int k = 0; k < p; k++) {
              if (k > j || k < pad[r]) {
                bias[(r * p + j) * p + k] = MASKED;
              }
            }
          }
        }
        NDArray out0 =
            decoder.forward(
                Tensors.of(step, ids, new Shape(rows, p)),
                Tensors.of(step, pos, new Shape(rows, p)),
                Tensors.of(step, bias, new Shape(rows, 1, p, p)),
                cache);
        logits = out0.get(":, -1, :").toFloatArray();
      }
      for (int s = 0; s < budget && live > 0; s++) {
        long[] next = new long[rows];
        for (int r = 0; r < rows; r++) {
          if (stopped[r]) {
            next[r] = Tokenizer.PAD;
            continue;
          }
          int off = r * vocab;
          int tok = choosers[r].choose(logits, off, vocab);
          lps[r][s] = choosers[r].logProb(logits, off, vocab, tok);
          out[r][s] = tok;
          len[r] = s + 1;
          next[r] = tok;
          done[r] = tok == Tokenizer.EOS && stopAtEos;
          if (done[r] || s + 1 == maxNew[r]) {
            stopped[r] = true;
            live--;
          }
        }
        if (live == 0 || s + 1 == budget) {
          break;
        }
        try (NDManager step = decode.newSubManager()) {
          int keys = p + s + 1;
          long[] pos = new long[rows];
          float[] bias = new float[rows * keys];
          for (int r = 0; r < rows; r++) {
            pos[r] = p - pad[r] + s;
            for (int k = 0; k < pad[r]; k++) {
              bias[r * keys + k] = MASKED;
            }
          }
          NDArray o =
              decoder.forward(
                  Tensors.of(step, next, new Shape(rows, 1)),
                  Tensors.of(step, pos, new Shape(rows, 1)),
                  Tensors.of(step, bias, new Shape(rows, 1, 1, keys)),
                  cache);
          logits = o.toFloatArray();
        }
      }
    }
    Completion[] result = new Completion[rows];
    for (int r = 0; r < rows; r++) {
      result[r] =
          new Completion(
              java.util.Arrays.copyOf(out[r], len[r]),
              java.util.Arrays.copyOf(lps[r], len[r]),
              done[r]);
    }
    return result;
  }

  static int argmax(float[] a, int off, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (a[off + i] > a[off + best]) {
        best = i;
      }
    }
    return best;
  }

  static int gumbelMax(float[] a, int off, int n, double temperature, Rng rng) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      double g = -Math.log(-Math.log(u + 1e-300) + 1e-300);
      double score = a[off + i] / temperature + g;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  /** Natural-log probability of {@code tok} under softmax(logits / temperature). */
  static double logProb(float[] a, int off, int n, int tok, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, a[off + i] / temperature);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp(a[off + i] / temperature - max);
    }
    return a[off + tok] / temperature - max - Math.log(sum);
  }
}

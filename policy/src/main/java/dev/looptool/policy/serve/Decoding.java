package dev.looptool.policy.serve;

import dev.looptool.policy.model.Generator;
import dev.looptool.policy.train.Rng;
import java.util.List;

/**
 * How one request is decoded: its token budget (null: the checkpoint's answer budget), temperature
 * (0: greedy), nucleus {@code topP}, seed (null: a fresh one), stop strings and how many
 * alternatives to report per token.
 */
public record Decoding(
    Integer maxTokens, double temperature, double topP, Long seed, List<String> stop, int topK) {
  public Decoding {
    stop = stop == null ? List.of() : List.copyOf(stop);
  }

  /** Greedy decoding within the checkpoint's answer budget, as probing does. */
  public static Decoding greedy() {
    return new Decoding(null, 0.0, 1.0, null, List.of(), 0);
  }

  public boolean greedyChoice() {
    return temperature == 0.0;
  }

  /** A fresh chooser for one row: argmax, or nucleus sampling with this request's own RNG. */
  Generator.TokenChooser chooser(long fallbackSeed) {
    if (greedyChoice()) {
      return Generator.GREEDY;
    }
    return new NucleusSampler(temperature, topP, new Rng(seed != null ? seed : fallbackSeed));
  }

  /**
   * Samples from softmax(logits / temperature) restricted to the smallest set of most likely tokens
   * whose probability reaches {@code topP}, by inverse CDF with one uniform draw per token. The
   * reported log-probability is the model's own (temperature 1), as vLLM reports by default.
   */
  static final class NucleusSampler implements Generator.TokenChooser {
    private final double temperature;
    private final double topP;
    private final Rng rng;

    NucleusSampler(double temperature, double topP, Rng rng) {
      this.temperature = temperature;
      this.topP = topP;
      this.rng = rng;
    }

    @Override
    public int choose(float[] logits, int off, int vocab) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < vocab; i++) {
        max = Math.max(max, logits[off + i] / temperature);
      }
      double[] p = new double[vocab];
      double total = 0;
      for (int i = 0; i < vocab; i++) {
        p[i] = Math.exp(logits[off + i] / temperature - max);
        total += p[i];
      }
      Integer[] order = new Integer[vocab];
      for (int i = 0; i < vocab; i++) {
        order[i] = i;
      }
      // Most likely first; ties by id so the order (and the draw) never depends on the sort.
      java.util.Arrays.sort(
          order, (a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
      int keep = 0;
      double mass = 0;
      while (keep < vocab && (keep == 0 || mass < topP * total)) {
        mass += p[order[keep]];
        keep++;
      }
      double u = rng.nextDouble() * mass;
      double acc = 0;
      for (int k = 0; k < keep; k++) {
        acc += p[order[k]];
        if (u < acc) {
          return order[k];
        }
      }
      return order[keep - 1];
    }

    @Override
    public double logProb(float[] logits, int off, int vocab, int token) {
      return Generator.GREEDY.logProb(logits, off, vocab, token);
    }
  }
}

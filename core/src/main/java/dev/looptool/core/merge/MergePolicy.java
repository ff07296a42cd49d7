package dev.looptool.core.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The merge rule of LOOPTOOL.md: D_{j+1} = ES ∪ EE ∪ HPPL ∪ SeedNew. ES and EE are taken whole;
 * SeedNew takes the next unseen seed samples, {@code seedNewRatio} times as many as the previous
 * iteration took; HPPL fills the rest of the budget B with mastered samples in descending
 * perplexity (or at random, for the ablation).
 */
public final class MergePolicy {
  private MergePolicy() {}

  /** A mastered sample that may fill the budget, with its perplexity. */
  public record Candidate(String id, double ppl) {}

  /** How many samples each part contributes. */
  public record Plan(long errorSet, long expansions, long seedNew, long fill) {
    public long total() {
      return errorSet + expansions + seedNew + fill;
    }
  }

  /**
   * Fresh seed samples for the next iteration: {@code ratio} of what the previous one took, rounded
   * down.
   */
  public static long seedNewQuota(long previouslyTaken, double ratio) {
    return (long) Math.floor(previouslyTaken * ratio);
  }

  /**
   * How the budget B is shared: ES and EE together take at most {@code maxHard} of it, and at least
   * {@code minFill} of it is kept for the high-perplexity fill (as far as mastered samples exist)
   * before fresh seed samples are taken. A GRPO group learns only when its sampled completions
   * score differently; a dataset of nothing but failures gives groups that all score 0, so the
   * bounds keep samples the model half-masters in every D_j.
   */
  public record Shares(double maxHard, double minFill) {
    /** No bounds: the rule as the paper states it. */
    public static final Shares UNBOUNDED = new Shares(1.0, 0.0);

    public Shares {
      if (!(maxHard >= 0 && maxHard <= 1 && minFill >= 0 && minFill <= 1)) {
        throw new IllegalArgumentException(
            "merge shares must lie in [0, 1]: maxHard " + maxHard + ", minFill " + minFill);
      }
    }
  }

  /**
   * Plans D_{j+1} within the budget B. With a model as strong as the paper's, ES + EE + SeedNew
   * stay below B and the bounds do not bind: all of them, then HPPL up to B (the paper's rule
   * exactly; its iteration-2 composition of 2,000 + 6,000 + 9,152 + 1,152 of 18,304 is the same
   * under the default shares). A weak model makes many errors, and 1 + k samples per error would
   * grow the dataset k-fold every iteration; so |D_{j+1}| never exceeds B: errors first (up to the
   * hard share), the fill's reserve, then fresh seed, then expansions round robin (up to the hard
   * share), then the rest of the fill.
   */
  public static Plan plan(
      long errorSet,
      long expansions,
      long seedAvailable,
      long seedQuota,
      long masteredAvailable,
      long budget,
      Shares shares) {
    long hardCap = (long) Math.floor(shares.maxHard() * budget + 1e-9);
    long es = Math.min(errorSet, hardCap);
    long reserve = Math.min(masteredAvailable, (long) Math.ceil(shares.minFill() * budget - 1e-9));
    reserve = Math.max(0, Math.min(reserve, budget - es));
    long seedNew = Math.max(0, Math.min(Math.min(seedQuota, seedAvailable), budget - es - reserve));
    long ee =
        Math.max(0, Math.min(expansions, Math.min(hardCap - es, budget - es - seedNew - reserve)));
    long fill = Math.max(0, Math.min(budget - es - seedNew - ee, masteredAvailable));
    return new Plan(es, ee, seedNew, fill);
  }

  /**
   * The expansions kept when only {@code n} fit: round robin over their parents in order (each
   * failure keeps its first expansion before any keeps a second), so the budget spreads over as
   * many failures as possible. {@code parentOf} gives each item's parent.
   */
  public static <T> List<T> roundRobin(
      List<T> items, java.util.function.Function<T, String> parentOf, long n) {
    java.util.LinkedHashMap<String, java.util.ArrayDeque<T>> byParent =
        new java.util.LinkedHashMap<>();
    for (T t : items) {
      byParent.computeIfAbsent(parentOf.apply(t), k -> new java.util.ArrayDeque<>()).add(t);
    }
    List<T> out = new ArrayList<>();
    while (out.size() < n && !byParent.isEmpty()) {
      for (java.util.Iterator<java.util.ArrayDeque<T>> it = byParent.values().iterator();
          it.hasNext() && out.size() < n; ) {
        java.util.ArrayDeque<T> q = it.next();
        out.add(q.poll());
        if (q.isEmpty()) {
          it.remove();
        }
      }
    }
    return out;
  }

  /** The {@code n} mastered samples of highest perplexity (ties by id, so the choice is stable). */
  public static List<Candidate> highestPerplexity(List<Candidate> mastered, long n) {
    List<Candidate> sorted = new ArrayList<>(mastered);
    sorted.sort(Comparator.comparingDouble(Candidate::ppl).reversed().thenComparing(Candidate::id));
    return List.copyOf(sorted.subList(0, (int) Math.min(n, sorted.size())));
  }

  /**
   * {@code n} mastered samples drawn uniformly without replacement, reproducibly from {@code seed}.
   */
  public static List<Candidate> random(List<Candidate> mastered, long n, long seed) {
    List<Candidate> sorted = new ArrayList<>(mastered);
    sorted.sort(Comparator.comparing(Candidate::id));
    SplittableRandom rnd = new SplittableRandom(seed);
    int k = (int) Math.min(n, sorted.size());
    for (int i = 0; i < k; i++) {
      int j = i + rnd.nextInt(sorted.size() - i);
      Candidate t = sorted.get(i);
      sorted.set(i, sorted.get(j));
      sorted.set(j, t);
    }
    return List.copyOf(sorted.subList(0, k));
  }
}

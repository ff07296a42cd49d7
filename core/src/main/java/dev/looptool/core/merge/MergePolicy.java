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
   * Plans D_{j+1} within the budget B. With a model as strong as the paper's, ES + EE + SeedNew
   * stay below B and this is the paper's rule exactly: all of them, then HPPL up to B. A weak model
   * makes many errors, and 1 + k samples per error would grow the dataset k-fold every iteration;
   * so |D_{j+1}| never exceeds B: errors first, then fresh seed, then expansions, then the fill.
   */
  public static Plan plan(
      long errorSet,
      long expansions,
      long seedAvailable,
      long seedQuota,
      long masteredAvailable,
      long budget) {
    long es = Math.min(errorSet, budget);
    long seedNew = Math.max(0, Math.min(Math.min(seedQuota, seedAvailable), budget - es));
    long ee = Math.min(expansions, budget - es - seedNew);
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

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

  /** Fresh seed samples for the next iteration: {@code ratio} of what the previous one took, rounded down. */
  public static long seedNewQuota(long previouslyTaken, double ratio) {
    return (long) Math.floor(previouslyTaken * ratio);
  }

  /**
   * Plans D_{j+1}. The fill never goes below zero: when ES, EE and SeedNew already exceed the
   * budget, all of them are kept and no mastered sample is added.
   */
  public static Plan plan(long errorSet, long expansions, long seedAvailable, long seedQuota, long masteredAvailable, long budget) {
    long seedNew = Math.max(0, Math.min(seedQuota, seedAvailable));
    long room = budget - errorSet - expansions - seedNew;
    long fill = Math.max(0, Math.min(room, masteredAvailable));
    return new Plan(errorSet, expansions, seedNew, fill);
  }

  /** The {@code n} mastered samples of highest perplexity (ties by id, so the choice is stable). */
  public static List<Candidate> highestPerplexity(List<Candidate> mastered, long n) {
    List<Candidate> sorted = new ArrayList<>(mastered);
    sorted.sort(Comparator.comparingDouble(Candidate::ppl).reversed().thenComparing(Candidate::id));
    return List.copyOf(sorted.subList(0, (int) Math.min(n, sorted.size())));
  }

  /** {@code n} mastered samples drawn uniformly without replacement, reproducibly from {@code seed}. */
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

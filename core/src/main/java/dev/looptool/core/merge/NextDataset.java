package dev.looptool.core.merge;

import dev.looptool.core.correct.VerdictAction;
import dev.looptool.core.dedup.SeenSamples;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.model.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 6 of the loop as a pure function: D_{j+1} = ES ∪ EE ∪ HPPL ∪ SeedNew from what iteration j
 * left (LOOPTOOL.md). Expansions that repeat a sample of the pool (ES, every probed sample, an
 * earlier expansion) are set aside as duplicates; the rest are planned within the budget by {@link
 * MergePolicy}: ES first, then fresh seed, then expansions round robin per parent, then the fill
 * from mastered samples (highest perplexity first, or at random for the ablation). Mismatches the
 * judge found BOTH_CORRECT count as mastered unless JGLV is ablated. Without EDDE the expansion
 * shards hold repeats instead of new samples, and are treated alike.
 */
public final class NextDataset {
  private NextDataset() {}

  /** A sample of D_j as probing saw it: its perplexity and whether the model mastered it. */
  public record Probe(Sample sample, double ppl, boolean mastered) {}

  /** A mismatch of D_j with its perplexity and the judgement on it. */
  public record Judged(Sample sample, double ppl, Judgement judgement) {}

  /** One shard of the iteration: its probed samples, then its judged mismatches. */
  public record ProbeShard(List<Probe> probes, List<Judged> judged) {}

  /**
   * What iteration j left: ES (corrected labels), the probe shards, the validated expansions by
   * shard, and how many seed samples the pool still has after the cursor.
   */
  public record Inputs(
      List<Sample> errorSet,
      List<ProbeShard> probeShards,
      List<List<Sample>> expansionShards,
      long seedAvailable) {}

  /**
   * The settings of the merge: budget B, how many fresh seed samples the previous iteration took
   * and the ratio of them to take now, the ablations that reach the merge, the seed of the random
   * fill, and how the budget is shared between failures and the fill.
   */
  public record Rules(
      long budget,
      long lastSeedTaken,
      double seedNewRatio,
      boolean noJglv,
      boolean randomFill,
      long fillSeed,
      MergePolicy.Shares shares) {
    /** Rules without share bounds (the paper's rule as stated). */
    public Rules(
        long budget,
        long lastSeedTaken,
        double seedNewRatio,
        boolean noJglv,
        boolean randomFill,
        long fillSeed) {
      this(
          budget,
          lastSeedTaken,
          seedNewRatio,
          noJglv,
          randomFill,
          fillSeed,
          MergePolicy.Shares.UNBOUNDED);
    }
  }

  /**
   * The planned composition: the plan, the samples of ES, EE and the fill in the order they enter
   * D_{j+1}, and each expansion shard's duplicates in shard order. SeedNew is the next {@code
   * plan().seedNew()} samples of the pool, which the caller reads.
   */
  public record Composition(
      MergePolicy.Plan plan,
      List<Sample> errorSet,
      List<Sample> expansions,
      List<Sample> fill,
      List<List<Sample>> duplicates) {
    /** D_{j+1}: ES, then EE, then the fill, then the fresh seed samples. */
    public List<Sample> next(List<Sample> seedNew) {
      List<Sample> next = new ArrayList<>(errorSet);
      next.addAll(expansions);
      next.addAll(fill);
      next.addAll(seedNew);
      return next;
    }
  }

  public static Composition compose(Inputs in, Rules rules) {
    SeenSamples inPool = new SeenSamples();
    inPool.addAll(in.errorSet());
    // Mastered samples (and, with JGLV, mismatches judged BOTH_CORRECT) are the fill candidates.
    Map<String, Sample> masteredById = new HashMap<>();
    List<MergePolicy.Candidate> candidates = new ArrayList<>();
    for (ProbeShard shard : in.probeShards()) {
      for (Probe p : shard.probes()) {
        inPool.add(p.sample());
        if (p.mastered()) {
          masteredById.put(p.sample().id(), p.sample());
          candidates.add(new MergePolicy.Candidate(p.sample().id(), p.ppl()));
        }
      }
      if (!rules.noJglv()) {
        for (Judged j : shard.judged()) {
          if (VerdictAction.of(j.judgement().verdict(), j.judgement().consensus())
              == VerdictAction.MASTERED) {
            masteredById.put(j.sample().id(), j.sample());
            candidates.add(new MergePolicy.Candidate(j.sample().id(), j.ppl()));
          }
        }
      }
    }

    List<Sample> expansions = new ArrayList<>();
    List<List<Sample>> duplicates = new ArrayList<>();
    for (List<Sample> shard : in.expansionShards()) {
      List<Sample> dup = new ArrayList<>();
      for (Sample s : shard) {
        if (inPool.add(s)) {
          expansions.add(s);
        } else {
          dup.add(s);
        }
      }
      duplicates.add(dup);
    }

    long quota = MergePolicy.seedNewQuota(rules.lastSeedTaken(), rules.seedNewRatio());
    MergePolicy.Plan plan =
        MergePolicy.plan(
            in.errorSet().size(),
            expansions.size(),
            in.seedAvailable(),
            quota,
            candidates.size(),
            rules.budget(),
            rules.shares());
    List<MergePolicy.Candidate> fill =
        rules.randomFill()
            ? MergePolicy.random(candidates, plan.fill(), rules.fillSeed())
            : MergePolicy.highestPerplexity(candidates, plan.fill());
    List<Sample> fillSamples = new ArrayList<>(fill.size());
    fill.forEach(c -> fillSamples.add(masteredById.get(c.id())));
    return new Composition(
        plan,
        List.copyOf(in.errorSet().subList(0, (int) plan.errorSet())),
        MergePolicy.roundRobin(expansions, NextDataset::parentOf, plan.expansions()),
        fillSamples,
        duplicates);
  }

  /** The failure an expansion was made from (itself when it has no parent). */
  static String parentOf(Sample s) {
    return s.provenance().parentId() == null ? s.id() : s.provenance().parentId();
  }
}

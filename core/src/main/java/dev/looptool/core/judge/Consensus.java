package dev.looptool.core.judge;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates the votes on one mismatch into a {@link Judgement} (LOOPTOOL.md, step 3): each voter's
 * votes across orders collapse to one voter verdict (orders that disagree → UNCERTAIN, any
 * unparseable answer → UNPARSEABLE), and a decisive verdict stands when at least Q of the K voters
 * hold it. Pure and deterministic, so the loop's workflow code may call it too.
 */
public final class Consensus {
  private Consensus() {}

  /** Order names a {@link Vote} carries. */
  public static final String LABEL_FIRST = "label-first";

  public static final String PREDICTION_FIRST = "prediction-first";
  public static final String SINGLE = "single";

  /** K voters, quorum Q (1 ≤ Q ≤ K), and whether every voter is asked in both orders. */
  public record Policy(int voters, int quorum, boolean bothOrders) {
    public Policy {
      if (voters < 1) {
        throw new IllegalArgumentException("voters must be at least 1, got " + voters);
      }
      if (quorum < 1 || quorum > voters) {
        throw new IllegalArgumentException(
            "quorum must be between 1 and the number of voters (" + voters + "), got " + quorum);
      }
    }

    /** The default of LOOPTOOL.md: one voter, quorum one, both orders. */
    public static Policy defaults() {
      return new Policy(1, 1, true);
    }

    /** The orders each voter is asked in. */
    public List<String> orders() {
      return bothOrders ? List.of(LABEL_FIRST, PREDICTION_FIRST) : List.of(LABEL_FIRST);
    }
  }

  /** The verdicts a judgement can settle on (as opposed to UNCERTAIN and UNPARSEABLE). */
  public static boolean decisive(Verdict v) {
    return v == Verdict.PRED_WRONG
        || v == Verdict.LABEL_WRONG
        || v == Verdict.BOTH_CORRECT
        || v == Verdict.BOTH_WRONG;
  }

  /**
   * One voter's verdict from its votes: UNPARSEABLE when any answer could not be parsed; UNCERTAIN
   * when the orders disagree, or when both orders were asked and one is missing; else the verdict
   * its answers share.
   */
  public static Verdict voterVerdict(List<Vote> votesOfOneVoter, boolean bothOrders) {
    if (votesOfOneVoter.isEmpty()) {
      return Verdict.UNCERTAIN;
    }
    Verdict common = null;
    boolean disagree = false;
    boolean labelFirst = false;
    boolean predictionFirst = false;
    for (Vote v : votesOfOneVoter) {
      if (v.verdict() == Verdict.UNPARSEABLE) {
        return Verdict.UNPARSEABLE;
      }
      labelFirst |= LABEL_FIRST.equals(v.order());
      predictionFirst |= PREDICTION_FIRST.equals(v.order());
      if (common == null) {
        common = v.verdict();
      } else if (common != v.verdict()) {
        disagree = true;
      }
    }
    if (disagree || (bothOrders && !(labelFirst && predictionFirst))) {
      return Verdict.UNCERTAIN;
    }
    return common;
  }

  /** Aggregates every vote cast on one sample under the policy. */
  public static Judgement aggregate(String sampleId, List<Vote> votes, Policy policy) {
    Map<String, List<Vote>> byVoter = new LinkedHashMap<>();
    for (Vote v : votes) {
      byVoter.computeIfAbsent(v.voter(), k -> new ArrayList<>()).add(v);
    }
    if (byVoter.size() > policy.voters()) {
      throw new IllegalArgumentException(
          "sample "
              + sampleId
              + ": votes from "
              + byVoter.size()
              + " voters, but the policy has "
              + policy.voters());
    }
    Map<Verdict, Integer> tally = new EnumMap<>(Verdict.class);
    Map<String, Verdict> perVoter = new LinkedHashMap<>();
    for (Map.Entry<String, List<Vote>> e : byVoter.entrySet()) {
      Verdict v = voterVerdict(e.getValue(), policy.bothOrders());
      perVoter.put(e.getKey(), v);
      tally.merge(v, 1, Integer::sum);
    }
    Verdict winner = null;
    int best = 0;
    boolean tie = false;
    for (Map.Entry<Verdict, Integer> e : tally.entrySet()) {
      if (!decisive(e.getKey())) {
        continue;
      }
      if (e.getValue() > best) {
        winner = e.getKey();
        best = e.getValue();
        tie = false;
      } else if (e.getValue() == best) {
        tie = true;
      }
    }
    if (winner != null && !tie && best >= policy.quorum()) {
      return new Judgement(sampleId, winner, true, analysisOf(votes, winner), votes);
    }
    int unparseable = tally.getOrDefault(Verdict.UNPARSEABLE, 0);
    boolean mostlyUnparseable =
        !byVoter.isEmpty() && (unparseable == byVoter.size() || unparseable >= policy.quorum());
    Verdict fallback = mostlyUnparseable ? Verdict.UNPARSEABLE : Verdict.UNCERTAIN;
    return new Judgement(sampleId, fallback, false, describe(perVoter, votes, policy), votes);
  }

  /**
   * The analysis of the first vote for the standing verdict that gives one, label-first preferred.
   */
  private static String analysisOf(List<Vote> votes, Verdict verdict) {
    String fallback = "";
    for (Vote v : votes) {
      if (v.verdict() == verdict && v.analysis() != null && !v.analysis().isBlank()) {
        if (!PREDICTION_FIRST.equals(v.order())) {
          return v.analysis();
        }
        if (fallback.isEmpty()) {
          fallback = v.analysis();
        }
      }
    }
    return fallback;
  }

  private static String describe(Map<String, Verdict> perVoter, List<Vote> votes, Policy policy) {
    if (votes.isEmpty()) {
      return "no votes";
    }
    StringBuilder sb =
        new StringBuilder("no quorum of " + policy.quorum() + " of " + policy.voters() + ":");
    for (Map.Entry<String, Verdict> e : perVoter.entrySet()) {
      sb.append(' ').append(e.getKey()).append('=').append(e.getValue()).append(" (");
      for (Vote v : votes) {
        if (v.voter().equals(e.getKey())) {
          sb.append(v.order()).append(' ').append(v.verdict()).append(", ");
        }
      }
      sb.setLength(sb.length() - 2);
      sb.append(");");
    }
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }
}

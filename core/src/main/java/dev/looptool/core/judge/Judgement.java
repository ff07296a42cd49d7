package dev.looptool.core.judge;

import java.util.List;

/**
 * The outcome of judging one mismatch: the verdict that stands, whether it had consensus (at least
 * the quorum of voters agreed, in both orders where asked), the error analysis, and every vote.
 */
public record Judgement(
    String sampleId, Verdict verdict, boolean consensus, String analysis, List<Vote> votes) {
  public Judgement {
    votes = votes == null ? List.of() : List.copyOf(votes);
  }
}

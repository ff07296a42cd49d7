package dev.looptool.core.judge;

import static dev.looptool.core.judge.Consensus.LABEL_FIRST;
import static dev.looptool.core.judge.Consensus.PREDICTION_FIRST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsensusTest {

  static Vote vote(String voter, String order, Verdict v) {
    return new Vote(
        voter, order, "sha", Json.object(), v.name(), v, "because " + voter + " " + order);
  }

  static Judgement aggregate(Consensus.Policy p, Vote... votes) {
    return Consensus.aggregate("s", List.of(votes), p);
  }

  /** One voter's label-first and prediction-first votes, under the default policy. */
  static Judgement bothOrders(String voter, Verdict labelFirst, Verdict predictionFirst) {
    return aggregate(
        Consensus.Policy.defaults(),
        vote(voter, LABEL_FIRST, labelFirst),
        vote(voter, PREDICTION_FIRST, predictionFirst));
  }

  /** One label-first vote each from voters a, b, c, ... in turn. */
  static Judgement labelFirst(Consensus.Policy p, Verdict... byVoter) {
    Vote[] votes = new Vote[byVoter.length];
    for (int i = 0; i < byVoter.length; i++) {
      votes[i] = vote(String.valueOf((char) ('a' + i)), LABEL_FIRST, byVoter[i]);
    }
    return aggregate(p, votes);
  }

  @Test
  void singleVoterBothOrdersAgreeingStands() {
    Judgement j = bothOrders("m", Verdict.LABEL_WRONG, Verdict.LABEL_WRONG);
    assertEquals(Verdict.LABEL_WRONG, j.verdict());
    assertTrue(j.consensus());
    assertEquals("because m label-first", j.analysis());
    assertEquals(2, j.votes().size());
  }

  @Test
  void ordersThatDisagreeAreUncertain() {
    Judgement j = bothOrders("m", Verdict.LABEL_WRONG, Verdict.PRED_WRONG);
    assertEquals(Verdict.UNCERTAIN, j.verdict());
    assertFalse(j.consensus());
    assertTrue(j.analysis().contains("m=UNCERTAIN"), j.analysis());
  }

  @Test
  void aMissingOrderIsUncertainWhenBothAreAsked() {
    assertEquals(
        Verdict.UNCERTAIN,
        Consensus.voterVerdict(List.of(vote("m", LABEL_FIRST, Verdict.PRED_WRONG)), true));
    assertEquals(
        Verdict.PRED_WRONG,
        Consensus.voterVerdict(List.of(vote("m", LABEL_FIRST, Verdict.PRED_WRONG)), false));
  }

  @Test
  void quorumTwoOfThree() {
    Consensus.Policy p = new Consensus.Policy(3, 2, false);
    assertJudged(
        Verdict.PRED_WRONG,
        true,
        labelFirst(p, Verdict.PRED_WRONG, Verdict.LABEL_WRONG, Verdict.PRED_WRONG));
    assertJudged(
        Verdict.UNCERTAIN,
        false,
        labelFirst(p, Verdict.PRED_WRONG, Verdict.LABEL_WRONG, Verdict.BOTH_WRONG));
  }

  @Test
  void unparseableVotesCountAgainstTheQuorum() {
    Consensus.Policy p = new Consensus.Policy(3, 2, false);
    assertJudged(
        Verdict.UNPARSEABLE,
        false,
        labelFirst(p, Verdict.PRED_WRONG, Verdict.UNPARSEABLE, Verdict.UNPARSEABLE));

    Judgement one = bothOrders("a", Verdict.UNPARSEABLE, Verdict.PRED_WRONG);
    assertEquals(Verdict.UNPARSEABLE, one.verdict());
  }

  @Test
  void aTieBetweenTwoQuorumsStandsForNeither() {
    Consensus.Policy p = new Consensus.Policy(4, 2, false);
    Judgement j =
        labelFirst(
            p, Verdict.PRED_WRONG, Verdict.PRED_WRONG, Verdict.LABEL_WRONG, Verdict.LABEL_WRONG);
    assertEquals(Verdict.UNCERTAIN, j.verdict());
  }

  @Test
  void missingVotersDoNotMakeAQuorum() {
    Judgement j = labelFirst(new Consensus.Policy(3, 2, false), Verdict.PRED_WRONG);
    assertEquals(Verdict.UNCERTAIN, j.verdict());
  }

  @Test
  void policyAndVoterCountAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new Consensus.Policy(2, 3, true));
    assertThrows(IllegalArgumentException.class, () -> new Consensus.Policy(0, 1, true));
    List<Vote> votes = new ArrayList<>();
    votes.add(vote("a", LABEL_FIRST, Verdict.PRED_WRONG));
    votes.add(vote("b", LABEL_FIRST, Verdict.PRED_WRONG));
    assertThrows(
        IllegalArgumentException.class,
        () -> Consensus.aggregate("s", votes, new Consensus.Policy(1, 1, false)));
  }

  private static void assertJudged(Verdict verdict, boolean consensus, Judgement j) {
    assertEquals(verdict, j.verdict(), j.analysis());
    assertEquals(consensus, j.consensus(), j.analysis());
  }
}

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

  @Test
  void singleVoterBothOrdersAgreeingStands() {
    Judgement j =
        Consensus.aggregate(
            "s1",
            List.of(
                vote("m", LABEL_FIRST, Verdict.LABEL_WRONG),
                vote("m", PREDICTION_FIRST, Verdict.LABEL_WRONG)),
            Consensus.Policy.defaults());
    assertEquals(Verdict.LABEL_WRONG, j.verdict());
    assertTrue(j.consensus());
    assertEquals("because m label-first", j.analysis());
    assertEquals(2, j.votes().size());
  }

  @Test
  void ordersThatDisagreeAreUncertain() {
    Judgement j =
        Consensus.aggregate(
            "s1",
            List.of(
                vote("m", LABEL_FIRST, Verdict.LABEL_WRONG),
                vote("m", PREDICTION_FIRST, Verdict.PRED_WRONG)),
            Consensus.Policy.defaults());
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
    Judgement j =
        Consensus.aggregate(
            "s",
            List.of(
                vote("a", LABEL_FIRST, Verdict.PRED_WRONG),
                vote("b", LABEL_FIRST, Verdict.LABEL_WRONG),
                vote("c", LABEL_FIRST, Verdict.PRED_WRONG)),
            p);
    assertEquals(Verdict.PRED_WRONG, j.verdict());
    assertTrue(j.consensus());

    Judgement split =
        Consensus.aggregate(
            "s",
            List.of(
                vote("a", LABEL_FIRST, Verdict.PRED_WRONG),
                vote("b", LABEL_FIRST, Verdict.LABEL_WRONG),
                vote("c", LABEL_FIRST, Verdict.BOTH_WRONG)),
            p);
    assertEquals(Verdict.UNCERTAIN, split.verdict());
    assertFalse(split.consensus());
  }

  @Test
  void unparseableVotesCountAgainstTheQuorum() {
    Consensus.Policy p = new Consensus.Policy(3, 2, false);
    Judgement j =
        Consensus.aggregate(
            "s",
            List.of(
                vote("a", LABEL_FIRST, Verdict.PRED_WRONG),
                vote("b", LABEL_FIRST, Verdict.UNPARSEABLE),
                vote("c", LABEL_FIRST, Verdict.UNPARSEABLE)),
            p);
    assertEquals(Verdict.UNPARSEABLE, j.verdict());
    assertFalse(j.consensus());

    Judgement one =
        Consensus.aggregate(
            "s",
            List.of(
                vote("a", LABEL_FIRST, Verdict.UNPARSEABLE),
                vote("a", PREDICTION_FIRST, Verdict.PRED_WRONG)),
            Consensus.Policy.defaults());
    assertEquals(Verdict.UNPARSEABLE, one.verdict());
  }

  @Test
  void aTieBetweenTwoQuorumsStandsForNeither() {
    Consensus.Policy p = new Consensus.Policy(4, 2, false);
    Judgement j =
        Consensus.aggregate(
            "s",
            List.of(
                vote("a", LABEL_FIRST, Verdict.PRED_WRONG),
                    vote("b", LABEL_FIRST, Verdict.PRED_WRONG),
                vote("c", LABEL_FIRST, Verdict.LABEL_WRONG),
                    vote("d", LABEL_FIRST, Verdict.LABEL_WRONG)),
            p);
    assertEquals(Verdict.UNCERTAIN, j.verdict());
  }

  @Test
  void missingVotersDoNotMakeAQuorum() {
    Judgement j =
        Consensus.aggregate(
            "s",
            List.of(vote("a", LABEL_FIRST, Verdict.PRED_WRONG)),
            new Consensus.Policy(3, 2, false));
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
}

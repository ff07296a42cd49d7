package dev.looptool.core.correct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looptool.core.judge.Verdict;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictActionTest {

  @Test
  void everyVerdictWithConsensusHasItsAction() {
    Map<Verdict, VerdictAction> table = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      table.put(v, VerdictAction.of(v, true));
    }
    assertEquals(
        Map.of(
            Verdict.LABEL_WRONG, VerdictAction.REPLACE_LABEL,
            Verdict.PRED_WRONG, VerdictAction.KEEP_LABEL,
            Verdict.BOTH_WRONG, VerdictAction.QUARANTINE,
            Verdict.BOTH_CORRECT, VerdictAction.MASTERED,
            Verdict.UNCERTAIN, VerdictAction.KEEP_UNVERIFIED,
            Verdict.UNPARSEABLE, VerdictAction.KEEP_UNVERIFIED),
        table);
  }

  @Test
  void withoutConsensusNoVerdictStands() {
    for (Verdict v : Verdict.values()) {
      assertEquals(VerdictAction.KEEP_UNVERIFIED, VerdictAction.of(v, false), v.name());
    }
  }

  @Test
  void withoutJglvEveryMismatchIsAnErrorThatKeepsItsLabel() {
    assertEquals(VerdictAction.KEEP_LABEL, VerdictAction.withoutJglv());
  }

  @Test
  void onlyEstablishedMistakesAreVerifiedFailures() {
    assertEquals(
        List.of(VerdictAction.REPLACE_LABEL, VerdictAction.KEEP_LABEL),
        List.of(VerdictAction.values()).stream().filter(VerdictAction::verifiedFailure).toList());
    assertEquals(
        List.of(
            VerdictAction.REPLACE_LABEL, VerdictAction.KEEP_LABEL, VerdictAction.KEEP_UNVERIFIED),
        List.of(VerdictAction.values()).stream().filter(VerdictAction::inErrorSet).toList());
  }
}

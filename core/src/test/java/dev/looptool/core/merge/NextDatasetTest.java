package dev.looptool.core.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.merge.NextDataset.Composition;
import dev.looptool.core.merge.NextDataset.Inputs;
import dev.looptool.core.merge.NextDataset.Judged;
import dev.looptool.core.merge.NextDataset.Probe;
import dev.looptool.core.merge.NextDataset.ProbeShard;
import dev.looptool.core.merge.NextDataset.Rules;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextDatasetTest {

  /** A sample whose content (conversation and label) is its own. */
  private static Sample s(String id) {
    return s(id, id, null);
  }

  private static Sample s(String id, String content, String parent) {
    return new Sample(
        id,
        List.of(Fixtures.weatherTool()),
        List.of(Message.user("Weather in " + content + "?")),
        Label.ofCalls(List.of(Fixtures.call("get_weather", "{\"city\":\"" + content + "\"}"))),
        parent == null ? Provenance.seed() : Provenance.expanded(parent, 1),
        null);
  }

  private static Probe mismatch(Sample s) {
    return new Probe(s, 1.0, false);
  }

  private static Probe mastered(String id, double ppl) {
    return new Probe(s(id), ppl, true);
  }

  private static Judged judged(String id, double ppl, Verdict v, boolean consensus) {
    return new Judged(s(id), ppl, new Judgement(id, v, consensus, "", List.of()));
  }

  private static Rules rules(long budget) {
    return new Rules(budget, 2, 0.5, false, false, 7);
  }

  private static List<String> ids(List<Sample> samples) {
    return samples.stream().map(Sample::id).toList();
  }

  private final Sample e1 = s("e1");
  private final Sample e2 = s("e2");
  private final List<Sample> errorSet = List.of(e1, e2);
  private final ProbeShard probes =
      new ProbeShard(
          List.of(
              mismatch(e1),
              mastered("m1", 1.5),
              mismatch(e2),
              mastered("m2", 3.0),
              mastered("m3", 2.0)),
          List.of());
  private final List<Sample> expansions =
      List.of(s("a-1", "a1", "e1"), s("a-2", "a2", "e1"), s("b-1", "b1", "e2"));

  private Inputs inputs(long seedAvailable, List<ProbeShard> shards, List<List<Sample>> ee) {
    return new Inputs(errorSet, shards, ee, seedAvailable);
  }

  @Test
  void errorsFreshSeedExpansionsPerParentThenTheHardestMasteredSamples() {
    // The previous iteration took 2 fresh seed samples, so this one takes 1; B = 7.
    Composition c = NextDataset.compose(inputs(10, List.of(probes), List.of(expansions)), rules(7));
    assertEquals(new MergePolicy.Plan(2, 3, 1, 1), c.plan());
    assertEquals(List.of("e1", "e2"), ids(c.errorSet()));
    assertEquals(List.of("a-1", "b-1", "a-2"), ids(c.expansions()), "round robin per parent");
    assertEquals(List.of("m2"), ids(c.fill()), "the mastered sample of highest perplexity");
    assertEquals(
        List.of("e1", "e2", "a-1", "b-1", "a-2", "m2", "n1"), ids(c.next(List.of(s("n1")))));
    assertEquals(List.of(List.of()), c.duplicates());
  }

  @Test
  void aTightBudgetKeepsErrorsAndFreshSeedBeforeExpansions() {
    Composition c = NextDataset.compose(inputs(10, List.of(probes), List.of(expansions)), rules(4));
    assertEquals(new MergePolicy.Plan(2, 1, 1, 0), c.plan());
    assertEquals(List.of("a-1"), ids(c.expansions()), "each parent's first expansion first");
    assertEquals(List.of(), c.fill());
  }

  @Test
  void theFreshSeedHalvesAndIsLimitedByThePool() {
    Rules took8 = new Rules(100, 8, 0.5, false, false, 7);
    assertEquals(
        4, NextDataset.compose(inputs(10, List.of(probes), List.of()), took8).plan().seedNew());
    assertEquals(
        3, NextDataset.compose(inputs(3, List.of(probes), List.of()), took8).plan().seedNew());
  }

  @Test
  void theFillNeverExceedsWhatIsMastered() {
    Composition c = NextDataset.compose(inputs(0, List.of(probes), List.of()), rules(100));
    assertEquals(List.of("m2", "m3", "m1"), ids(c.fill()));
    assertEquals(5, c.next(List.of()).size());
  }

  @Test
  void expansionsThatRepeatThePoolOrEachOtherAreDuplicates() {
    Sample copyOfM1 = s("x-1", "m1", "e1");
    Sample again = s("y-1", "a1", "e2"); // same content as a-1, in the next shard
    Composition c =
        NextDataset.compose(
            inputs(
                0, List.of(probes), List.of(List.of(expansions.get(0), copyOfM1), List.of(again))),
            rules(100));
    assertEquals(List.of("a-1"), ids(c.expansions()));
    assertEquals(2, c.duplicates().size());
    assertEquals(List.of("x-1"), ids(c.duplicates().get(0)));
    assertEquals(List.of("y-1"), ids(c.duplicates().get(1)));
  }

  @Test
  void mismatchesJudgedBothCorrectCountAsMasteredUnlessJglvIsAblated() {
    ProbeShard withJudged =
        new ProbeShard(
            probes.probes(),
            List.of(
                judged("bc", 9.0, Verdict.BOTH_CORRECT, true),
                judged("bc-no-consensus", 8.0, Verdict.BOTH_CORRECT, false),
                judged("pw", 7.0, Verdict.PRED_WRONG, true)));
    Composition c = NextDataset.compose(inputs(0, List.of(withJudged), List.of()), rules(4));
    assertEquals(List.of("bc", "m2"), ids(c.fill()));

    Rules noJglv = new Rules(4, 2, 0.5, true, false, 7);
    assertEquals(
        List.of("m2", "m3"),
        ids(NextDataset.compose(inputs(0, List.of(withJudged), List.of()), noJglv).fill()));
  }

  @Test
  void randomFillIsReproducibleFromItsSeedAndDrawsFromTheMastered() {
    List<Probe> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(mastered("m" + i, i));
    }
    Inputs in = new Inputs(List.of(), List.of(new ProbeShard(many, List.of())), List.of(), 0);
    Rules random = new Rules(10, 0, 0.5, false, true, 11);
    List<String> a = ids(NextDataset.compose(in, random).fill());
    assertEquals(10, a.size());
    assertEquals(10, a.stream().distinct().count());
    assertEquals(a, ids(NextDataset.compose(in, random).fill()));
    assertNotEquals(a, ids(NextDataset.compose(in, new Rules(10, 0, 0.5, false, true, 12)).fill()));
    assertNotEquals(
        a, ids(NextDataset.compose(in, new Rules(10, 0, 0.5, false, false, 11)).fill()));
    assertTrue(a.stream().allMatch(id -> id.startsWith("m")));
  }

  @Test
  void withoutEddeRepeatsOfAFailureAreDuplicatesOfItInTheErrorSet() {
    // No EDDE: the expansion shard holds copies of each failure under new ids, same content.
    List<Sample> repeats = List.of(e1.withId("e1-r1-0"), e2.withId("e2-r1-0"));
    Composition c = NextDataset.compose(inputs(0, List.of(probes), List.of(repeats)), rules(100));
    assertEquals(List.of(), c.expansions());
    assertEquals(List.of("e1-r1-0", "e2-r1-0"), ids(c.duplicates().get(0)));
  }
}

package dev.looptool.core.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.looptool.core.merge.MergePolicy.Candidate;
import dev.looptool.core.merge.MergePolicy.Plan;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MergePolicyTest {
  private static final MergePolicy.Shares UNBOUNDED = MergePolicy.Shares.UNBOUNDED;

  @Test
  void budgetIsFilledWithMasteredSamplesAfterErrorsExpansionsAndFreshSeed() {
    // |D_1| = 18,304 (the paper's budget); iteration 1 took all of it, so SeedNew = 9,152.
    long quota = MergePolicy.seedNewQuota(18_304, 0.5);
    assertEquals(9_152, quota);
    Plan p = MergePolicy.plan(2_000, 6_000, 50_000, quota, 15_000, 18_304, UNBOUNDED);
    assertEquals(new Plan(2_000, 6_000, 9_152, 1_152), p);
    assertEquals(18_304, p.total());
    // The next iteration halves the fresh seed again.
    assertEquals(4_576, MergePolicy.seedNewQuota(p.seedNew(), 0.5));
  }

  private static final MergePolicy.Shares DEFAULT_SHARES = new MergePolicy.Shares(0.5, 0.05);

  @Test
  void theDefaultSharesLeaveThePapersCompositionUnchanged() {
    assertEquals(
        new Plan(2_000, 6_000, 9_152, 1_152),
        MergePolicy.plan(2_000, 6_000, 50_000, 9_152, 15_000, 18_304, DEFAULT_SHARES));
  }

  @Test
  void aWeakModelsFailuresTakeAtMostTheHardShareAndTheFillKeepsItsReserve() {
    // 200 errors of 800 with 800 expansions, 400 fresh seed due, 550 mastered.
    Plan p = MergePolicy.plan(200, 800, 10_000, 400, 550, 800, DEFAULT_SHARES);
    assertEquals(new Plan(200, 160, 400, 40), p);
    // Next iteration: half the seed; failures stop at 400 of 800, the fill takes the rest.
    Plan q = MergePolicy.plan(300, 1_200, 10_000, 200, 500, 800, DEFAULT_SHARES);
    assertEquals(new Plan(300, 100, 200, 200), q);
    assertEquals(800, q.total());
    // Without bounds the same inputs leave no room for the fill.
    assertEquals(
        new Plan(300, 300, 200, 0), MergePolicy.plan(300, 1_200, 10_000, 200, 500, 800, UNBOUNDED));
  }

  @Test
  void errorsBeyondTheHardShareWait() {
    assertEquals(
        new Plan(400, 0, 360, 40),
        MergePolicy.plan(700, 2_800, 10_000, 400, 40, 800, DEFAULT_SHARES));
  }

  @Test
  void sharesOutsideTheUnitIntervalAreRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new MergePolicy.Shares(1.5, 0));
  }

  @Test
  void fillIsBoundedByWhatIsMastered() {
    assertEquals(100, MergePolicy.plan(10, 10, 1000, 10, 100, 1000, UNBOUNDED).fill());
  }

  @Test
  void aWeakModelCannotGrowTheDatasetBeyondTheBudget() {
    // 600 errors with 4 expansions each would make 3,000 samples from an 800-sample budget.
    Plan p = MergePolicy.plan(600, 2400, 1000, 400, 200, 800, UNBOUNDED);
    assertEquals(new Plan(600, 0, 200, 0), p);
    assertEquals(800, p.total());
    assertEquals(
        new Plan(600, 100, 100, 0), MergePolicy.plan(600, 2400, 1000, 100, 200, 800, UNBOUNDED));
    assertEquals(new Plan(800, 0, 0, 0), MergePolicy.plan(900, 10, 1000, 100, 0, 800, UNBOUNDED));
  }

  @Test
  void keptExpansionsSpreadOverAsManyFailuresAsPossible() {
    List<String> ee = List.of("a-1", "a-2", "a-3", "b-1", "b-2", "c-1");
    assertEquals(
        List.of("a-1", "b-1", "c-1", "a-2"), MergePolicy.roundRobin(ee, x -> x.substring(0, 1), 4));
    assertEquals(ee.size(), MergePolicy.roundRobin(ee, x -> x.substring(0, 1), 100).size());
  }

  @Test
  void seedNewIsLimitedByWhatThePoolHasLeft() {
    assertEquals(30, MergePolicy.plan(0, 0, 30, 200, 0, 1000, UNBOUNDED).seedNew());
  }

  @Test
  void highPerplexityFillTakesTheHardestMasteredSamples() {
    List<Candidate> c =
        List.of(
            new Candidate("a", 1.1),
            new Candidate("b", 3.0),
            new Candidate("c", 2.0),
            new Candidate("d", 3.0));
    assertEquals(
        List.of("b", "d", "c"),
        MergePolicy.highestPerplexity(c, 3).stream().map(Candidate::id).toList());
  }

  @Test
  void randomFillIsReproducibleAndDiffersFromHighPerplexity() {
    List<Candidate> c = IntStream.range(0, 100).mapToObj(i -> new Candidate("s" + i, i)).toList();
    List<Candidate> r1 = MergePolicy.random(c, 10, 42);
    assertEquals(r1, MergePolicy.random(c, 10, 42));
    assertEquals(10, r1.stream().distinct().count());
    assertNotEquals(MergePolicy.highestPerplexity(c, 10), r1);
  }
}

package dev.looptool.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.testing.Mutations.Kind;
import dev.looptool.core.testing.Mutations.Mutant;
import dev.looptool.core.testing.Mutations.Source;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How the fuzz tests' cases are drawn: coverage, reproducibility, and the seed. */
class MutationsTest {
  private static final byte[] VALID =
      "{\"a\":1,\"b\":[true,\"x\"]}\n{\"c\":{\"d\":null}}\n".getBytes(StandardCharsets.UTF_8);

  record Case(int base, Mutant mutant) {}

  private static List<Case> cases(int bases, int tries, long seed) {
    return Mutations.across(
            IntStream.range(0, bases).boxed().toList(),
            b -> new Source(VALID, Mutations.Syntax.JSON_LINES),
            Case::new,
            tries,
            seed)
        .toList();
  }

  @Test
  void everyKindEveryBaseAndEveryPairAreCoveredRoundRobin() {
    int k = Kind.values().length;
    // 10 bases: the BFCL test's count; 22: a multiple of the kinds, where i mod B alone would
    // pair each base with the same kinds.
    for (int bases : List.of(1, 3, 10, 11, 22)) {
      List<Case> all = cases(bases, k * bases, Mutations.SEED);
      Set<Kind> firstKinds = new HashSet<>();
      all.subList(0, k).forEach(c -> firstKinds.add(c.mutant().kind()));
      assertEquals(Set.of(Kind.values()), firstKinds, bases + " bases: kinds of the first cases");
      Set<Integer> firstBases = new HashSet<>();
      all.subList(0, bases).forEach(c -> firstBases.add(c.base()));
      assertEquals(bases, firstBases.size(), bases + " bases: bases of the first cases");
      Set<String> pairs = new HashSet<>();
      all.forEach(c -> pairs.add(c.base() + "/" + c.mutant().kind()));
      assertEquals(k * bases, pairs.size(), bases + " bases: pairs");
    }
  }

  @Test
  void theSameSeedGivesTheSameCasesAndALongerRunStartsWithAShorterOne() {
    List<Case> shorter = cases(3, 25, Mutations.SEED);
    List<Case> longer = cases(3, 300, Mutations.SEED);
    assertEquals(300, longer.size());
    for (int i = 0; i < shorter.size(); i++) {
      Mutant a = shorter.get(i).mutant();
      Mutant b = longer.get(i).mutant();
      assertEquals(a.toString(), b.toString());
      assertArrayEquals(a.bytes(), b.bytes());
    }
  }

  @Test
  void aCaseIsRebuiltFromTheKindAndSeedItsNameGives() {
    for (Case c : cases(1, 25, Mutations.SEED)) {
      Mutant m = c.mutant();
      Mutant again = Mutations.mutate(VALID, Mutations.Syntax.JSON_LINES, m.kind(), m.seed());
      assertArrayEquals(m.bytes(), again.bytes(), m.toString());
      assertTrue(m.toString().startsWith(m.kind() + " (seed " + m.seed() + ")"), m.toString());
    }
  }

  @Test
  void anotherSeedGivesOtherCases() {
    assertNotEquals(
        cases(1, 25, Mutations.SEED).stream().map(c -> c.mutant().seed()).toList(),
        cases(1, 25, 7L).stream().map(c -> c.mutant().seed()).toList());
  }

  @Test
  void noBaseIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Mutations.across(List.of(), b -> null, (b, m) -> m, 1, 1L));
  }
}

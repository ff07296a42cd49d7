package dev.looptool.benchmarks.bfcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.benchmarks.bfcl.BfclScorer.Tally;
import dev.looptool.core.io.BadDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v3 aggregation: unweighted non-live and multi-turn, weighted live, N/A where nothing ran. */
class BfclScorerTest {
  private final BfclScorer scorer = new BfclScorer(BfclDataFixture.dataset());

  @Test
  void aggregatesFollowTheV3Formulas() {
    Map<BfclCategory, Tally> t = new EnumMap<>(BfclCategory.class);
    t.put(BfclCategory.SIMPLE, new Tally(400, 400));
    t.put(BfclCategory.JAVA, new Tally(50, 100));
    t.put(BfclCategory.JAVASCRIPT, new Tally(0, 50));
    t.put(BfclCategory.MULTIPLE, new Tally(100, 200));
    t.put(BfclCategory.PARALLEL, new Tally(200, 200));
    t.put(BfclCategory.PARALLEL_MULTIPLE, new Tally(0, 200));
    t.put(BfclCategory.IRRELEVANCE, new Tally(240, 240));
    t.put(BfclCategory.LIVE_SIMPLE, new Tally(258, 258));
    t.put(BfclCategory.LIVE_MULTIPLE, new Tally(0, 1053));
    t.put(BfclCategory.LIVE_PARALLEL, new Tally(16, 16));
    t.put(BfclCategory.LIVE_PARALLEL_MULTIPLE, new Tally(12, 24));
    t.put(BfclCategory.LIVE_IRRELEVANCE, new Tally(882, 882));
    t.put(BfclCategory.LIVE_RELEVANCE, new Tally(0, 18));
    BfclScore s = scorer.score(t);
    double simple = (1.0 + 0.5 + 0.0) / 3;
    assertEquals(simple, s.aggregate("non_live_simple_ast").accuracy(), 1e-12);
    double ast = (simple + 0.5 + 1.0 + 0.0) / 4;
    assertEquals(ast, s.aggregate("non_live_ast").accuracy(), 1e-12);
    double nonLive = (simple + 0.5 + 1.0 + 0.0 + 1.0) / 5;
    assertEquals(nonLive, s.aggregate("non_live_overall").accuracy(), 1e-12);
    assertEquals(
        (258.0 + 16 + 12) / (258 + 1053 + 16 + 24), s.aggregate("live_ast").accuracy(), 1e-12);
    double live = (258.0 + 16 + 12 + 882) / (258 + 1053 + 16 + 24 + 882 + 18);
    assertEquals(live, s.aggregate("live_overall").accuracy(), 1e-12);
    // Multi-turn was not evaluated: shown as N/A, counted as 0 in the overall, as upstream does.
    assertTrue(s.aggregate("multi_turn_overall").notAvailable());
    assertEquals("N/A", s.aggregate("multi_turn_overall").display());
    assertFalse(s.category("multi_turn_base").evaluated());
    assertEquals((live + nonLive + 0.0) / 3, s.aggregate("overall").accuracy(), 1e-12);
    assertFalse(s.aggregate("overall").notAvailable());
  }

  @Test
  void multiTurnCountsOnceItsVerdictsAreGiven() {
    Map<BfclCategory, Tally> t = new EnumMap<>(BfclCategory.class);
    t.put(BfclCategory.MULTI_TURN_BASE, new Tally(100, 200));
    BfclScore s = scorer.score(t);
    assertFalse(s.aggregate("multi_turn_overall").notAvailable());
    assertEquals(0.5 / 4, s.aggregate("multi_turn_overall").accuracy(), 1e-12);
    // Non-live AST is N/A when one of its categories is missing; its overall is still shown.
    assertTrue(s.aggregate("non_live_ast").notAvailable());
    assertTrue(s.aggregate("non_live_overall").notAvailable());
  }

  @Test
  void resultFilesAreCheckedAndMustCoverTheirCategory(@TempDir Path dir) throws IOException {
    StringBuilder rel = new StringBuilder();
    BfclDataFixture.dataset()
        .entries(BfclCategory.LIVE_RELEVANCE)
        .forEach(
            e ->
                rel.append("{\"id\": \"")
                    .append(e.id())
                    .append("\", \"calls\": [{\"name\": \"x\", \"arguments\": {}}]}\n"));
    Files.writeString(dir.resolve("BFCL_v3_live_relevance.json"), rel);
    StringBuilder mt = new StringBuilder();
    int[] i = {0};
    BfclDataFixture.dataset()
        .entries(BfclCategory.MULTI_TURN_BASE)
        .forEach(
            e ->
                mt.append("{\"id\": \"")
                    .append(e.id())
                    .append("\", \"valid\": ")
                    .append(i[0]++ % 2 == 0)
                    .append("}\n"));
    Files.writeString(dir.resolve("BFCL_v3_multi_turn_base.json"), mt);
    Map<BfclCategory, Tally> t = scorer.tallyResults(dir);
    assertEquals(new Tally(18, 18), t.get(BfclCategory.LIVE_RELEVANCE));
    assertEquals(new Tally(100, 200), t.get(BfclCategory.MULTI_TURN_BASE));

    Files.writeString(
        dir.resolve("BFCL_v3_simple.json"),
        "{\"id\": \"simple_0\", \"calls\": null}\n{\"id\": \"nope_1\", \"calls\": []}\n");
    BadDataException e = assertThrows(BadDataException.class, () -> scorer.tallyResults(dir));
    assertTrue(
        e.getMessage().contains("BFCL_v3_simple.json:2: id: 'nope_1' is not an entry of simple"),
        e.getMessage());
  }

  @Test
  void multiTurnResultsWithoutVerdictsAreRejected(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("BFCL_v3_multi_turn_base.json"),
        "{\"id\": \"multi_turn_base_0\", \"calls\": []}\n");
    BadDataException e = assertThrows(BadDataException.class, () -> scorer.tallyResults(dir));
    assertTrue(
        e.getMessage().contains(":1: valid: multi-turn results must carry the verdict"),
        e.getMessage());
  }
}

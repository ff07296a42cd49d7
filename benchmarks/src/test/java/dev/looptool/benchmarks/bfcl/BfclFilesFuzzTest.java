package dev.looptool.benchmarks.bfcl;

import dev.looptool.benchmarks.MiniData;
import dev.looptool.core.json.Json;
import dev.looptool.core.testing.Fixtures;
import dev.looptool.core.testing.Mutations;
import dev.looptool.core.testing.Mutations.Mutant;
import dev.looptool.core.testing.ReaderFaults;
import dev.looptool.core.testing.ScratchDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BFCL-v3 readers fed corrupted copies of the real question, possible-answer and result files
 * (issue 18): the dataset loader of {@code bfcl check/score/run}, the {@code bfcl} import format
 * and the scorer of result files either succeed or report FILE:LINE: field: reason.
 */
class BfclFilesFuzzTest {
  /** One category per checker and language, so every reading path is fuzzed. */
  private static final List<BfclCategory> CATEGORIES =
      List.of(
          BfclCategory.SIMPLE,
          BfclCategory.PARALLEL_MULTIPLE,
          BfclCategory.LIVE_MULTIPLE,
          BfclCategory.IRRELEVANCE,
          BfclCategory.JAVA,
          BfclCategory.MULTI_TURN_BASE);

  private static final int LINES = 4;

  @AutoClose private final ScratchDir scratch = new ScratchDir();

  /** One file of the small data directory, corrupted. */
  record Case(BfclCategory category, boolean answers, Mutant mutant) {
    String file() {
      return (answers ? "possible_answer/" : "") + category.fileName();
    }
  }

  static Stream<Case> dataFiles() {
    return Mutations.across(
        CATEGORIES.stream()
            .flatMap(
                c ->
                    c.isAst()
                        ? Stream.of(new Case(c, false, null), new Case(c, true, null))
                        : Stream.of(new Case(c, false, null)))
            .toList(),
        c ->
            new Mutations.Source(
                Mutations.head(BfclDataFixture.dir().resolve(c.file()), LINES),
                Mutations.Syntax.JSON_LINES),
        (c, m) -> new Case(c.category(), c.answers(), m));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dataFiles")
  void aCorruptedDataFileLoadsOrIsReportedByLine(Case c) {
    Path dir = miniData();
    c.mutant().writeTo(dir.resolve(c.file()));
    ReaderFaults.readOrReport(dataFiles(dir), () -> BfclDataset.load(dir, CATEGORIES));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dataFiles")
  void aCorruptedQuestionOrAnswerFileImportsOrIsRejectedByLine(Case c) {
    Path dir = miniData();
    c.mutant().writeTo(dir.resolve(c.file()));
    Path questions = dir.resolve(c.category().fileName());
    ReaderFaults.assertImportAccountsForEveryRecord(
        questions,
        new BfclFormat(),
        List.of(dir.resolve("possible_answer").resolve(c.category().fileName())));
  }

  /**
   * The case that found it (-Dlooptool.fuzz.tries=300): a function whose {@code required} repeats a
   * parameter made the import throw IllegalArgumentException from Set.of.
   */
  @Test
  void aFunctionThatRepeatsARequiredParameterImportsOrIsRejectedByLine() {
    Case c = new Case(BfclCategory.PARALLEL_MULTIPLE, false, null);
    Mutant m =
        Mutations.mutate(
            Mutations.head(BfclDataFixture.dir().resolve(c.file()), LINES),
            Mutations.Syntax.JSON_LINES,
            Mutations.Kind.HUGE_ARRAY,
            -1802210784850896136L);
    aCorruptedQuestionOrAnswerFileImportsOrIsRejectedByLine(new Case(c.category(), c.answers(), m));
  }

  /** A result file corrupted: its category's answers as calls, or multi-turn verdicts. */
  record Results(BfclCategory category, Mutant mutant) {}

  static Stream<Results> resultFiles() {
    return Mutations.across(
        CATEGORIES,
        c -> new Mutations.Source(validResults(c), Mutations.Syntax.JSON_LINES),
        Results::new);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resultFiles")
  void aCorruptedResultFileIsScoredOrReportedByLine(Results r) {
    Path dir = miniData();
    BfclDataset data = BfclDataset.load(dir, CATEGORIES);
    Path file = r.mutant().writeTo(scratch.fresh("results").resolve(r.category().fileName()));
    BfclScorer scorer = new BfclScorer(data);
    ReaderFaults.readOrReport(file, () -> scorer.tallyResults(file.getParent()));
  }

  private static byte[] validResults(BfclCategory c) {
    Path from = BfclDataFixture.dir();
    if (!c.isAst()) {
      // Irrelevance expects no call; multi-turn results carry an external verdict.
      StringBuilder sb = new StringBuilder();
      String questions =
          new String(Mutations.head(from.resolve(c.fileName()), LINES), StandardCharsets.UTF_8);
      for (String line : questions.split("\n")) {
        String id = Json.compact(Fixtures.json(line).get("id"));
        sb.append(
            c.checker() == BfclCategory.Checker.MULTI_TURN
                ? "{\"id\": " + id + ", \"valid\": true}\n"
                : "{\"id\": " + id + ", \"calls\": []}\n");
      }
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
    try (ScratchDir tmp = new ScratchDir()) {
      MiniData.copyHeads(from, tmp.path(), List.of("possible_answer/" + c.fileName()), LINES);
      return MiniData.results(
          tmp.resolve("possible_answer/" + c.fileName()),
          // Ground truth [{function: {param: [acceptable values]}}]: the first of each.
          gt -> MiniData.calls(gt.get(0), values -> values.path(0)));
    }
  }

  /** The first lines of each category's files, fresh for each try. */
  private Path miniData() {
    Path dir = scratch.fresh("data");
    List<String> files = new ArrayList<>();
    for (BfclCategory c : CATEGORIES) {
      files.add(c.fileName());
      if (c.isAst()) {
        files.add("possible_answer/" + c.fileName());
      }
    }
    MiniData.copyHeads(BfclDataFixture.dir(), dir, files, LINES);
    return dir;
  }

  private static List<Path> dataFiles(Path dir) {
    List<Path> out = new ArrayList<>();
    for (BfclCategory c : CATEGORIES) {
      out.add(dir.resolve(c.fileName()));
      out.add(dir.resolve("possible_answer").resolve(c.fileName()));
    }
    return out;
  }
}

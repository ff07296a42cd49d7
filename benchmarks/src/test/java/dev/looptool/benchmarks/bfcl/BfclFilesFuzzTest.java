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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The BFCL-v3 readers fed corrupted copies of the real question, possible-answer and result files
 * (issue 18): the dataset loader of {@code bfcl check/score/run}, the {@code bfcl} import format
 * and the scorer of result files either succeed or report FILE:LINE: field: reason.
 */
class BfclFilesFuzzTest implements AutoCloseable {
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

  private final ScratchDir scratch = new ScratchDir();

  /** One file of the small data directory, corrupted. */
  record Case(BfclCategory category, boolean answers, Mutant mutant) {
    String file() {
      return (answers ? "possible_answer/" : "") + category.fileName();
    }
  }

  @Provide
  Arbitrary<Case> dataFiles() {
    return Arbitraries.of(CATEGORIES)
        .flatMap(
            c ->
                Arbitraries.of(c.isAst() ? List.of(false, true) : List.of(false))
                    .flatMap(
                        answers -> {
                          Path valid =
                              BfclDataFixture.dir().resolve(new Case(c, answers, null).file());
                          return Mutations.of(
                                  Mutations.head(valid, LINES), Mutations.Syntax.JSON_LINES)
                              .map(m -> new Case(c, answers, m));
                        }));
  }

  @Property(seed = Mutations.SEED)
  void aCorruptedDataFileLoadsOrIsReportedByLine(@ForAll("dataFiles") Case c) {
    Path dir = miniData();
    c.mutant().writeTo(dir.resolve(c.file()));
    ReaderFaults.readOrReport(dataFiles(dir), () -> BfclDataset.load(dir, CATEGORIES));
  }

  @Property(seed = Mutations.SEED)
  void aCorruptedQuestionOrAnswerFileImportsOrIsRejectedByLine(@ForAll("dataFiles") Case c) {
    Path dir = miniData();
    c.mutant().writeTo(dir.resolve(c.file()));
    Path questions = dir.resolve(c.category().fileName());
    ReaderFaults.assertImportAccountsForEveryRecord(
        questions,
        new BfclFormat(),
        List.of(dir.resolve("possible_answer").resolve(c.category().fileName())));
  }

  /** A result file corrupted: its category's answers as calls, or multi-turn verdicts. */
  record Results(BfclCategory category, Mutant mutant) {}

  @Provide
  Arbitrary<Results> resultFiles() {
    return Arbitraries.of(CATEGORIES)
        .flatMap(
            c ->
                Mutations.of(validResults(c), Mutations.Syntax.JSON_LINES)
                    .map(m -> new Results(c, m)));
  }

  @Property(seed = Mutations.SEED)
  void aCorruptedResultFileIsScoredOrReportedByLine(@ForAll("resultFiles") Results r) {
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
    ScratchDir tmp = new ScratchDir();
    try {
      MiniData.copyHeads(from, tmp.path(), List.of("possible_answer/" + c.fileName()), LINES);
      return MiniData.results(
          tmp.resolve("possible_answer/" + c.fileName()),
          // Ground truth [{function: {param: [acceptable values]}}]: the first of each.
          gt -> MiniData.calls(gt.get(0), values -> values.path(0)));
    } finally {
      tmp.close();
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

  @Override
  public void close() {
    scratch.close();
  }
}

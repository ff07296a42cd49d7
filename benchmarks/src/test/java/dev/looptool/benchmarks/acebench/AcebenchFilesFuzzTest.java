package dev.looptool.benchmarks.acebench;

import dev.looptool.benchmarks.MiniData;
import dev.looptool.core.testing.Mutations;
import dev.looptool.core.testing.Mutations.Mutant;
import dev.looptool.core.testing.ReaderFaults;
import dev.looptool.core.testing.ScratchDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ACEBench readers fed corrupted copies of the real data, possible-answer and result files
 * (issue 18): the dataset loader of {@code acebench check/score} and the scorer either succeed or
 * report FILE:LINE: field: reason.
 */
class AcebenchFilesFuzzTest {
  private static final int LINES = 3;

  @AutoClose private final ScratchDir scratch = new ScratchDir();

  /** One file of the small data directory, corrupted. */
  record Case(AcebenchCategory category, boolean answers, Mutant mutant) {
    String file() {
      return (answers ? "possible_answer/" : "") + category.fileName();
    }
  }

  static Path data() {
    return Path.of(System.getProperty("looptool.repo.root", "."))
        .resolve("../shared/data/acebench/data_en")
        .normalize();
  }

  static Stream<Case> dataFiles() {
    return Mutations.across(
        Stream.of(AcebenchCategory.values())
            .flatMap(c -> Stream.of(new Case(c, false, null), new Case(c, true, null)))
            .toList(),
        c ->
            new Mutations.Source(
                Mutations.head(data().resolve(c.file()), LINES), Mutations.Syntax.JSON_LINES),
        (c, m) -> new Case(c.category(), c.answers(), m));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dataFiles")
  void aCorruptedDataFileLoadsOrIsReportedByLine(Case c) {
    Path dir = miniData();
    c.mutant().writeTo(dir.resolve(c.file()));
    ReaderFaults.readOrReport(dataFiles(dir), () -> AcebenchDataset.load(dir));
  }

  /** A result file of one category, corrupted. */
  record Results(AcebenchCategory category, Mutant mutant) {}

  static Stream<Results> resultFiles() {
    return Mutations.across(
        List.of(AcebenchCategory.values()),
        c -> new Mutations.Source(validResults(c), Mutations.Syntax.JSON_LINES),
        Results::new);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resultFiles")
  void aCorruptedResultFileIsScoredOrReportedByLine(Results r) {
    AcebenchScorer scorer = new AcebenchScorer(AcebenchDataset.load(miniData()));
    Path file = r.mutant().writeTo(scratch.fresh("results").resolve(r.category().fileName()));
    ReaderFaults.readOrReport(file, () -> scorer.score(file.getParent()));
  }

  /** The answers as calls: the ground truth is {function: {param: value}} or a list of them. */
  private static byte[] validResults(AcebenchCategory c) {
    try (ScratchDir tmp = new ScratchDir()) {
      Path dir = miniData(tmp);
      return MiniData.results(
          dir.resolve("possible_answer").resolve(c.fileName()),
          gt -> MiniData.calls(gt.isArray() ? gt.get(0) : gt, Function.identity()));
    }
  }

  private Path miniData() {
    return miniData(scratch);
  }

  private static Path miniData(ScratchDir scratch) {
    Path dir = scratch.fresh("data_en");
    List<String> files = new ArrayList<>();
    for (AcebenchCategory c : AcebenchCategory.values()) {
      files.add(c.fileName());
      files.add("possible_answer/" + c.fileName());
    }
    MiniData.copyHeads(data(), dir, files, LINES);
    return dir;
  }

  private static List<Path> dataFiles(Path dir) {
    List<Path> out = new ArrayList<>();
    for (AcebenchCategory c : AcebenchCategory.values()) {
      out.add(dir.resolve(c.fileName()));
      out.add(dir.resolve("possible_answer").resolve(c.fileName()));
    }
    return out;
  }
}

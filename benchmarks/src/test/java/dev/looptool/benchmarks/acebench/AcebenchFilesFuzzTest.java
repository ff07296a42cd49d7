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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The ACEBench readers fed corrupted copies of the real data, possible-answer and result files
 * (issue 18): the dataset loader of {@code acebench check/score} and the scorer either succeed or
 * report FILE:LINE: field: reason.
 */
class AcebenchFilesFuzzTest implements AutoCloseable {
  private static final int LINES = 3;

  private final ScratchDir scratch = new ScratchDir();

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

  @Provide
  Arbitrary<Case> dataFiles() {
    return Arbitraries.of(AcebenchCategory.values())
        .flatMap(
            c ->
                Arbitraries.of(false, true)
                    .flatMap(
                        answers ->
                            Mutations.of(
                                    Mutations.head(
                                        data().resolve(new Case(c, answers, null).file()), LINES),
                                    Mutations.Syntax.JSON_LINES)
                                .map(m -> new Case(c, answers, m))));
  }

  @Property(seed = Mutations.SEED)
  void aCorruptedDataFileLoadsOrIsReportedByLine(@ForAll("dataFiles") Case c) {
    Path dir = miniData();
    c.mutant().writeTo(dir.resolve(c.file()));
    ReaderFaults.readOrReport(dataFiles(dir), () -> AcebenchDataset.load(dir));
  }

  /** A result file of one category, corrupted. */
  record Results(AcebenchCategory category, Mutant mutant) {}

  @Provide
  Arbitrary<Results> resultFiles() {
    return Arbitraries.of(AcebenchCategory.values())
        .flatMap(
            c ->
                Mutations.of(validResults(c), Mutations.Syntax.JSON_LINES)
                    .map(m -> new Results(c, m)));
  }

  @Property(seed = Mutations.SEED)
  void aCorruptedResultFileIsScoredOrReportedByLine(@ForAll("resultFiles") Results r) {
    AcebenchScorer scorer = new AcebenchScorer(AcebenchDataset.load(miniData()));
    Path file = r.mutant().writeTo(scratch.fresh("results").resolve(r.category().fileName()));
    ReaderFaults.readOrReport(file, () -> scorer.score(file.getParent()));
  }

  /** The answers as calls: the ground truth is {function: {param: value}} or a list of them. */
  private byte[] validResults(AcebenchCategory c) {
    Path dir = miniData();
    return MiniData.results(
        dir.resolve("possible_answer").resolve(c.fileName()),
        gt -> MiniData.calls(gt.isArray() ? gt.get(0) : gt, Function.identity()));
  }

  private Path miniData() {
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

  @Override
  public void close() {
    scratch.close();
  }
}

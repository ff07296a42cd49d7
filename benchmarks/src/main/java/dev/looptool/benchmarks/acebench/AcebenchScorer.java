package dev.looptool.benchmarks.acebench;

import dev.looptool.benchmarks.ResultFile;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.LineError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores result files against the ACEBench normal categories: accuracy per category, per group
 * (atom, single_turn, multi_turn, similar_api, preference) and over all normal entries, the groups
 * and the total weighted by entry count.
 */
public final class AcebenchScorer {
  private final AcebenchDataset data;
  private final AcebenchChecker checker = new AcebenchChecker();

  public AcebenchScorer(AcebenchDataset data) {
    this.data = data;
  }

  /**
   * Accuracy of one category, group or the total; {@code evaluated} is false where no results were
   * given.
   */
  public record Row(String name, boolean evaluated, int correct, int total, double accuracy) {}

  /** Per-category rows, then the group rows, then {@code normal_overall}. */
  public record Score(List<Row> categories, List<Row> groups, Row overall) {}

  /**
   * Reads result files named like the data files ({@code data_<category>.json}, lines {@code {"id",
   * "calls"}}) from {@code resultsDir}; each must cover its category exactly once.
   */
  public Score score(Path resultsDir) {
    if (!Files.isDirectory(resultsDir)) {
      throw new IllegalArgumentException("results directory " + resultsDir + " does not exist");
    }
    List<LineError> errors = new ArrayList<>();
    List<Row> cats = new ArrayList<>();
    for (AcebenchCategory c : AcebenchCategory.values()) {
      int total = data.entries(c).size();
      Path file = resultsDir.resolve(c.fileName());
      if (!Files.exists(file) || total == 0) {
        cats.add(new Row(c.id(), false, 0, total, 0));
        continue;
      }
      int correct =
          ResultFile.countCorrect(
              file,
              errors,
              c.id(),
              data.entries(c),
              data::entry,
              (e, node) -> {
                if (!node.has("calls")) {
                  throw new ResultFile.Problem(
                      "calls", "missing (a string or null marks output that could not be decoded)");
                }
                return checker.check(e, node.get("calls")).valid();
              });
      cats.add(new Row(c.id(), true, correct, total, total == 0 ? 0 : (double) correct / total));
    }
    if (!errors.isEmpty()) {
      throw new BadDataException(errors);
    }
    Map<String, List<Row>> byGroup = new LinkedHashMap<>();
    for (AcebenchCategory c : AcebenchCategory.values()) {
      byGroup.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(cats.get(c.ordinal()));
    }
    List<Row> groups = new ArrayList<>();
    byGroup.forEach((g, rows) -> groups.add(weighted(g, rows)));
    return new Score(cats, groups, weighted("normal_overall", cats));
  }

  /** Correct over total across the evaluated rows; not evaluated when none of them is. */
  static Row weighted(String name, List<Row> rows) {
    int correct = 0;
    int total = 0;
    boolean any = false;
    for (Row r : rows) {
      if (r.evaluated()) {
        any = true;
        correct += r.correct();
        total += r.total();
      }
    }
    return new Row(name, any, correct, total, total == 0 ? 0 : (double) correct / total);
  }
}

package dev.looptool.cli;

import dev.looptool.benchmarks.acebench.AcebenchChecker;
import dev.looptool.benchmarks.acebench.AcebenchDataset;
import dev.looptool.benchmarks.acebench.AcebenchEntry;
import dev.looptool.benchmarks.acebench.AcebenchScorer;
import dev.looptool.benchmarks.acebench.AcebenchVerdict;
import dev.looptool.core.io.BadDataException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code looptool acebench ...}: check model calls against ACEBench (English normal) and score
 * result files.
 */
@Command(
    name = "acebench",
    mixinStandardHelpOptions = true,
    description =
        "ACEBench (English normal categories) checker and scorer with the official semantics.",
    subcommands = {AcebenchCommand.Check.class, AcebenchCommand.Score.class})
public final class AcebenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The ACEBench data directory option of both subcommands. */
  static final class DataDir {
    @Option(
        names = "--data",
        required = true,
        description = "ACEBench data directory (data_en or its parent).")
    Path dir;
  }

  /** {@code acebench check}: one verdict line per input line. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = CaseChecks.CheckCommand.DESCRIPTION)
  static final class Check extends CaseChecks.CheckCommand {
    @Mixin DataDir data;

    @Override
    CaseChecks.CaseCheck load() throws IOException {
      AcebenchDataset dataset = AcebenchDataset.load(data.dir);
      AcebenchChecker checker = new AcebenchChecker();
      return c -> {
        AcebenchEntry entry =
            CaseChecks.entry(
                c, dataset::entry, e -> e.category().id(), "ACEBench normal entry", data.dir);
        AcebenchVerdict v = checker.check(entry, CaseChecks.calls(c));
        return new CaseChecks.Verdict(v.valid(), v.errorType());
      };
    }
  }

  /** {@code acebench score}: accuracy per category, per group and overall. */
  @Command(
      name = "score",
      mixinStandardHelpOptions = true,
      description = "Score result files (named like the data files, lines {\"id\", \"calls\"}).")
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DataDir data;

    @Option(
        names = "--results",
        required = true,
        description = "Directory of result files data_<category>.json.")
    Path results;

    @Option(names = "--json", description = "Also write the table as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws IOException {
      try {
        AcebenchScorer.Score score =
            new AcebenchScorer(AcebenchDataset.load(data.dir)).score(results);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-40s %8s %8s %9s%n", "category", "correct", "total", "accuracy");
        for (AcebenchScorer.Row r : score.categories()) {
          print(out, r);
        }
        out.println();
        for (AcebenchScorer.Row r : score.groups()) {
          print(out, r);
        }
        print(out, score.overall());
        if (json != null) {
          CliOut.writeJson(json, score);
          out.println("wrote " + json);
        }
        return 0;
      } catch (BadDataException | IllegalArgumentException e) {
        return BfclCommand.badData(spec, e);
      }
    }

    private static void print(PrintWriter out, AcebenchScorer.Row r) {
      out.printf(
          Locale.ROOT,
          "%-40s %8s %8d %9s%n",
          r.name(),
          r.evaluated() ? String.valueOf(r.correct()) : "-",
          r.total(),
          r.evaluated() ? String.format(Locale.ROOT, "%.2f%%", r.accuracy() * 100) : "N/A");
    }
  }
}

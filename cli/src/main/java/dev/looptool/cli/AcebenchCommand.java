package dev.looptool.cli;

import dev.looptool.benchmarks.acebench.AcebenchChecker;
import dev.looptool.benchmarks.acebench.AcebenchDataset;
import dev.looptool.benchmarks.acebench.AcebenchEntry;
import dev.looptool.benchmarks.acebench.AcebenchScorer;
import dev.looptool.benchmarks.acebench.AcebenchVerdict;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

  /** {@code acebench check}: one verdict line per input line. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Check model calls: each input line {\"id\", \"category\", \"calls\": [...]} gets \"valid\" and \"error_type\".")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        required = true,
        description = "ACEBench data directory (data_en or its parent).")
    Path data;

    @Mixin CaseChecks.Files files;

    @Override
    public Integer call() throws IOException {
      try {
        AcebenchDataset dataset = AcebenchDataset.load(data);
        AcebenchChecker checker = new AcebenchChecker();
        return CaseChecks.run(
            spec,
            files,
            c -> {
              AcebenchEntry entry =
                  CaseChecks.entry(
                      c, dataset::entry, e -> e.category().id(), "ACEBench normal entry", data);
              AcebenchVerdict v = checker.check(entry, CaseChecks.calls(c));
              return new CaseChecks.Verdict(v.valid(), v.errorType());
            });
      } catch (BadDataException | IllegalArgumentException e) {
        return BfclCommand.badData(spec, e);
      }
    }
  }

  /** {@code acebench score}: accuracy per category, per group and overall. */
  @Command(
      name = "score",
      mixinStandardHelpOptions = true,
      description = "Score result files (named like the data files, lines {\"id\", \"calls\"}).")
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        required = true,
        description = "ACEBench data directory (data_en or its parent).")
    Path data;

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
        AcebenchScorer.Score score = new AcebenchScorer(AcebenchDataset.load(data)).score(results);
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
          String text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(score);
          CliOut.writeAtomically(json, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
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

package dev.looptool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.benchmarks.bfcl.BfclCategory;
import dev.looptool.benchmarks.bfcl.BfclChecker;
import dev.looptool.benchmarks.bfcl.BfclDataset;
import dev.looptool.benchmarks.bfcl.BfclEntry;
import dev.looptool.benchmarks.bfcl.BfclScore;
import dev.looptool.benchmarks.bfcl.BfclScorer;
import dev.looptool.benchmarks.bfcl.BfclVerdict;
import dev.looptool.core.io.BadDataException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code looptool bfcl ...}: check model calls against BFCL-v3, score result files, benchmark the
 * checker.
 */
@Command(
    name = "bfcl",
    mixinStandardHelpOptions = true,
    description = "BFCL-v3 checker and scorer with the official evaluator's semantics.",
    subcommands = {
      BfclCommand.Check.class,
      BfclCommand.Score.class,
      BfclBench.class,
      BfclRun.class
    })
public final class BfclCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static int badData(CommandSpec spec, RuntimeException e) {
    spec.commandLine().getErr().println("looptool: " + e.getMessage());
    return 2;
  }

  /** {@code bfcl check}: one verdict line per input line. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = CaseChecks.CheckCommand.DESCRIPTION)
  static final class Check extends CaseChecks.CheckCommand {
    @Option(
        names = "--data",
        required = true,
        description = "BFCL-v3 data directory (question and possible_answer files).")
    Path data;

    @Override
    CaseChecks.CaseCheck load() throws IOException {
      BfclDataset dataset = BfclDataset.load(data);
      BfclChecker checker = new BfclChecker();
      return c -> {
        BfclEntry entry =
            CaseChecks.entry(c, dataset::entry, e -> e.category().id(), "BFCL entry", data);
        if (entry.category().checker() == BfclCategory.Checker.MULTI_TURN) {
          throw new CaseChecks.CaseProblem(
              "category",
              entry.category().id()
                  + " is judged by executing the calls; looptool does not run multi-turn checks");
        }
        JsonNode calls = CaseChecks.calls(c);
        JsonNode u2d = c.get("underscore_to_dot");
        if (u2d != null && !u2d.isBoolean()) {
          throw new CaseChecks.CaseProblem("underscore_to_dot", "must be true or false");
        }
        BfclVerdict v = checker.check(entry, calls, u2d != null && u2d.booleanValue());
        return new CaseChecks.Verdict(v.valid(), v.errorType());
      };
    }
  }

  /** {@code bfcl score}: the per-category table and the v3 aggregates. */
  @Command(
      name = "score",
      mixinStandardHelpOptions = true,
      description =
          "Score result files (named like the question files, lines {\"id\", \"calls\"}) with the v3 aggregates.")
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data", required = true, description = "BFCL-v3 data directory.")
    Path data;

    @Option(
        names = "--results",
        required = true,
        description = "Directory of result files BFCL_v3_<category>.json.")
    Path results;

    @Option(
        names = "--json",
        description = "Also write the table and aggregates as JSON to this file.")
    Path json;

    @Override
    public Integer call() throws IOException {
      try {
        BfclDataset dataset = BfclDataset.load(data);
        BfclScorer scorer = new BfclScorer(dataset);
        BfclScore score = scorer.score(scorer.tallyResults(results));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            Locale.ROOT,
            "%-26s %-10s %8s %8s %9s%n",
            "category",
            "section",
            "correct",
            "total",
            "accuracy");
        for (BfclScore.Category c : score.categories()) {
          out.printf(
              Locale.ROOT,
              "%-26s %-10s %8s %8d %9s%n",
              c.category(),
              c.section(),
              c.evaluated() ? String.valueOf(c.correct()) : "-",
              c.total(),
              c.evaluated() ? String.format(Locale.ROOT, "%.2f%%", c.accuracy() * 100) : "N/A");
        }
        out.println();
        for (BfclScore.Aggregate a : score.aggregates()) {
          out.printf(Locale.ROOT, "%-26s %9s%n", a.name(), a.display());
        }
        if (json != null) {
          CliOut.writeJson(json, score);
          out.println("wrote " + json);
        }
        return 0;
      } catch (BadDataException | IllegalArgumentException e) {
        return badData(spec, e);
      }
    }
  }
}

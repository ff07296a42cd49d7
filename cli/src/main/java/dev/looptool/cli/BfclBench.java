package dev.looptool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.benchmarks.bfcl.BfclCase;
import dev.looptool.benchmarks.bfcl.BfclCases;
import dev.looptool.benchmarks.bfcl.BfclChecker;
import dev.looptool.benchmarks.bfcl.BfclDataset;
import dev.looptool.benchmarks.bfcl.BfclEntry;
import dev.looptool.benchmarks.bfcl.BfclVerdict;
import dev.looptool.core.io.BadDataException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bfcl bench}: checks per second over every AST entry's answers and perturbations. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure checks/second over all AST entries with their answers and perturbations.")
final class BfclBench implements Callable<Integer> {
  /** Checks per second of CPU time used and per second of wall-clock time. */
  record Rate(double perCpuSecond, double perWallSecond) {}

  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, description = "BFCL-v3 data directory.")
  Path data;

  @Option(
      names = "--seconds",
      defaultValue = "5",
      description = "Minimum measuring time per figure (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      description =
          "CPU-seconds to let the JIT compile before measuring (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(
      names = "--python-checker",
      description =
          "A directory holding the official gorilla checker "
              + "(bfcl_eval/eval_checker/ast_eval/...); runs it on the same cases, compares every verdict and prints the speed ratio.")
  Path pythonChecker;

  @Override
  public Integer call() throws Exception {
    BfclDataset dataset;
    try {
      dataset = BfclDataset.load(data);
    } catch (BadDataException | IllegalArgumentException e) {
      return BfclCommand.badData(spec, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    BfclChecker checker = new BfclChecker();
    List<BfclCase> answers = new ArrayList<>();
    List<BfclCase> all = new ArrayList<>();
    int agree = 0;
    List<String> disagreements = new ArrayList<>();
    java.util.Set<String> failingEntries = new java.util.TreeSet<>();
    for (BfclEntry e : dataset.astEntries()) {
      List<BfclCase> cs = BfclCases.answers(e);
      answers.addAll(cs);
      all.addAll(cs);
      // Perturb only a rendering the checker accepts, so each perturbation has one known cause.
      if (checker.check(e, cs.get(0).calls(), cs.get(0).underscoreToDot()).valid()) {
        all.addAll(BfclCases.perturbations(e, cs.get(0).calls()));
      }
    }
    for (BfclCase c : all) {
      BfclVerdict v = checker.check(c.entry(), c.calls(), c.underscoreToDot());
      boolean expected =
          c.expectValid() ? v.valid() : !v.valid() && c.expectedErrorType().equals(v.errorType());
      if (expected) {
        agree++;
      } else if (c.expectValid()) {
        failingEntries.add(c.entry().id());
      } else {
        disagreements.add(
            c.entry().id()
                + " ["
                + c.description()
                + "] expected "
                + c.expectedErrorType()
                + ", got "
                + v.errorType());
      }
    }
    out.printf(
        Locale.ROOT,
        "cases: %d answer renderings + %d perturbations over %d AST entries%n",
        answers.size(),
        all.size() - answers.size(),
        dataset.astEntries().size());
    out.printf(Locale.ROOT, "verdicts as expected: %d of %d%n", agree, all.size());
    out.printf(
        Locale.ROOT,
        "entries with answer renderings no checker accepts (upstream data, see docs/evaluators.md): %s%n",
        failingEntries);
    disagreements.stream().limit(20).forEach(d -> out.println("  unexpected: " + d));
    List<Decoded> decodedAnswers = decodeAll(answers);
    List<Decoded> decodedAll = decodeAll(all);
    // Let the JIT compile the checker before any figure is taken.
    measure(checker, all, warmup);
    measureDecoded(checker, decodedAll, warmup / 2);
    Rate answersRate = measure(checker, answers, seconds);
    Rate allRate = measure(checker, all, seconds);
    Rate answersDecoded = measureDecoded(checker, decodedAnswers, seconds);
    Rate allDecoded = measureDecoded(checker, decodedAll, seconds);
    out.printf(
        Locale.ROOT,
        "java checker from JSON calls (decode included), answers only:          %,.0f checks per CPU-second, %,.0f checks/s wall (1 thread)%n",
        answersRate.perCpuSecond(),
        answersRate.perWallSecond());
    out.printf(
        Locale.ROOT,
        "java checker from JSON calls (decode included), answers+perturbations: %,.0f checks per CPU-second, %,.0f checks/s wall (1 thread)%n",
        allRate.perCpuSecond(),
        allRate.perWallSecond());
    out.printf(
        Locale.ROOT,
        "java checker on decoded calls, answers only:                           %,.0f checks per CPU-second, %,.0f checks/s wall (1 thread)%n",
        answersDecoded.perCpuSecond(),
        answersDecoded.perWallSecond());
    out.printf(
        Locale.ROOT,
        "java checker on decoded calls, answers+perturbations:                  %,.0f checks per CPU-second, %,.0f checks/s wall (1 thread)%n",
        allDecoded.perCpuSecond(),
        allDecoded.perWallSecond());
    if (pythonChecker != null) {
      List<BfclCase> mutations = new ArrayList<>();
      for (BfclEntry e : dataset.astEntries()) {
        BfclCase base = BfclCases.answers(e).get(0);
        if (checker.check(e, base.calls(), false).valid()) {
          for (JsonNode m : BfclCases.mutations(e, base.calls())) {
            mutations.add(new BfclCase(e, m, false, null, "mutation"));
          }
        }
      }
      List<BfclCase> compared = new ArrayList<>(all);
      compared.addAll(mutations);
      out.printf(
          Locale.ROOT,
          "comparing with the official checker on these cases and %d further mutations (verdict not predicted)%n",
          mutations.size());
      return new OfficialBfclBench(out, spec.commandLine().getErr())
          .compare(
              pythonChecker, checker, answers, all, compared, answersDecoded, allDecoded, seconds);
    }
    return 0;
  }

  /**
   * A case decoded once, as the official harness receives it: calls, or null when not decodable.
   */
  private record Decoded(BfclCase c, List<dev.looptool.core.model.ToolCall> calls) {}

  private static List<Decoded> decodeAll(List<BfclCase> cases) {
    List<Decoded> out = new ArrayList<>(cases.size());
    for (BfclCase c : cases) {
      out.add(new Decoded(c, BfclChecker.decode(c.calls())));
    }
    return out;
  }

  /** Times the checking of decoded calls: the same work the official harness times. */
  private Rate measureDecoded(BfclChecker checker, List<Decoded> cases, double forSeconds) {
    return measure(
        cases,
        d ->
            d.calls() != null
                && checker.checkCalls(d.c().entry(), d.calls(), d.c().underscoreToDot()).valid(),
        forSeconds);
  }

  private Rate measure(BfclChecker checker, List<BfclCase> cases, double forSeconds) {
    return measure(
        cases, c -> checker.check(c.entry(), c.calls(), c.underscoreToDot()).valid(), forSeconds);
  }

  /**
   * Runs the cases round after round until {@code forSeconds} of this thread's CPU time are used;
   * CPU time, unlike wall time, does not count the time other processes on a shared machine take.
   */
  private <T> Rate measure(List<T> cases, Predicate<T> check, double forSeconds) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long sink = 0;
    long checks = 0;
    long cpuStart = mx.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    long cpuEnd = cpuStart + (long) (forSeconds * 1e9);
    long cpu;
    do {
      for (T c : cases) {
        sink += check.test(c) ? 1 : 0;
      }
      checks += cases.size();
      cpu = mx.getCurrentThreadCpuTime();
    } while (cpu < cpuEnd);
    long wall = System.nanoTime() - wallStart;
    if (sink == 42) {
      spec.commandLine().getErr().print("");
    }
    return new Rate(checks / ((cpu - cpuStart) / 1e9), checks / (wall / 1e9));
  }
}

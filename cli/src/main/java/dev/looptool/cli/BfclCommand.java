package dev.looptool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.benchmarks.bfcl.BfclCase;
import dev.looptool.benchmarks.bfcl.BfclCases;
import dev.looptool.benchmarks.bfcl.BfclCategory;
import dev.looptool.benchmarks.bfcl.BfclChecker;
import dev.looptool.benchmarks.bfcl.BfclDataset;
import dev.looptool.benchmarks.bfcl.BfclEntry;
import dev.looptool.benchmarks.bfcl.BfclScore;
import dev.looptool.benchmarks.bfcl.BfclScorer;
import dev.looptool.benchmarks.bfcl.BfclVerdict;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.JsonlWriter;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.ToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
      BfclCommand.Bench.class,
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
      description =
          "Check model calls: each input line {\"id\", \"category\", \"calls\": [...]} gets \"valid\" and \"error_type\".")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        required = true,
        description = "BFCL-v3 data directory (question and possible_answer files).")
    Path data;

    @Option(names = "--in", required = true, description = "Cases, JSON Lines.")
    Path in;

    @Option(
        names = "--out",
        required = true,
        description = "Verdicts, JSON Lines (written atomically).")
    Path out;

    @Override
    public Integer call() throws IOException {
      try {
        BfclDataset dataset = BfclDataset.load(data);
        BfclChecker checker = new BfclChecker();
        return CaseChecks.run(
            spec,
            in,
            out,
            c -> {
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
            });
      } catch (BadDataException | IllegalArgumentException e) {
        return badData(spec, e);
      }
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
          String text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(score);
          writeAtomically(json, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
          out.println("wrote " + json);
        }
        return 0;
      } catch (BadDataException | IllegalArgumentException e) {
        return badData(spec, e);
      }
    }
  }

  /** Checks per second of CPU time used and per second of wall-clock time. */
  record Rate(double perCpuSecond, double perWallSecond) {}

  /** {@code bfcl bench}: checks per second over every AST entry's answers and perturbations. */
  @Command(
      name = "bench",
      mixinStandardHelpOptions = true,
      description =
          "Measure checks/second over all AST entries with their answers and perturbations.")
  static final class Bench implements Callable<Integer> {
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
        return badData(spec, e);
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
        return new OfficialBench(out, spec.commandLine().getErr())
            .compare(
                pythonChecker,
                checker,
                answers,
                all,
                compared,
                answersDecoded,
                allDecoded,
                seconds);
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
      java.lang.management.ThreadMXBean mx =
          java.lang.management.ManagementFactory.getThreadMXBean();
      long sink = 0;
      long checks = 0;
      long cpuStart = mx.getCurrentThreadCpuTime();
      long wallStart = System.nanoTime();
      long cpuEnd = cpuStart + (long) (forSeconds * 1e9);
      long cpu;
      do {
        for (Decoded d : cases) {
          sink +=
              d.calls() == null
                  ? 0
                  : checker.checkCalls(d.c().entry(), d.calls(), d.c().underscoreToDot()).valid()
                      ? 1
                      : 0;
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

    /**
     * Runs the cases round after round until {@code forSeconds} of this thread's CPU time are used;
     * CPU time, unlike wall time, does not count the time other processes on a shared machine take.
     */
    private Rate measure(BfclChecker checker, List<BfclCase> cases, double forSeconds) {
      java.lang.management.ThreadMXBean mx =
          java.lang.management.ManagementFactory.getThreadMXBean();
      long sink = 0;
      long checks = 0;
      long cpuStart = mx.getCurrentThreadCpuTime();
      long wallStart = System.nanoTime();
      long cpuEnd = cpuStart + (long) (forSeconds * 1e9);
      long cpu;
      do {
        for (BfclCase c : cases) {
          sink += checker.check(c.entry(), c.calls(), c.underscoreToDot()).valid() ? 1 : 0;
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

  /**
   * Writes a CLI output file atomically, through the artifact store, so a reader never sees half a
   * file.
   */
  static void writeAtomically(Path file, dev.looptool.core.store.ArtifactStore.Body body)
      throws IOException {
    Path abs = file.toAbsolutePath();
    new dev.looptool.core.store.LocalArtifactStore(abs.getParent())
        .write(abs.getFileName().toString(), body);
  }

  /**
   * Runs the official gorilla AST checker (from a directory the user provides) on the bench cases
   * through a small Python harness, compares its verdict with the Java checker's on every case and
   * prints both speeds.
   */
  static final class OfficialBench {
    private final PrintWriter out;
    private final PrintWriter err;

    OfficialBench(PrintWriter out, PrintWriter err) {
      this.out = out;
      this.err = err;
    }

    int compare(
        Path checkerDir,
        BfclChecker checker,
        List<BfclCase> answers,
        List<BfclCase> all,
        List<BfclCase> compared,
        Rate javaAnswers,
        Rate javaAll,
        double seconds)
        throws IOException, InterruptedException {
      if (!Files.isDirectory(checkerDir.resolve("bfcl_eval/eval_checker/ast_eval"))) {
        err.println(
            "looptool: "
                + checkerDir
                + " does not hold bfcl_eval/eval_checker/ast_eval (the official checker)");
        return 2;
      }
      Path work = Files.createTempDirectory("looptool-bfcl-bench");
      try {
        Path script = work.resolve("official_bench.py");
        try (InputStream in =
            Objects.requireNonNull(
                BfclCommand.class.getResourceAsStream("bfcl_official_bench.py"))) {
          Files.copy(in, script);
        }
        Path cases = work.resolve("cases.jsonl");
        java.util.Set<BfclCase> answerSet =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        answerSet.addAll(answers);
        try (OutputStream os = Files.newOutputStream(cases);
            JsonlWriter w = new JsonlWriter(os)) {
          java.util.Set<BfclCase> timed =
              java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
          timed.addAll(all);
          for (BfclCase c : compared) {
            ObjectNode pc = pythonCase(c, answerSet.contains(c));
            pc.put("timed", timed.contains(c));
            w.write(pc);
          }
        }
        Path verdicts = work.resolve("verdicts.jsonl");
        Process p =
            new ProcessBuilder(
                    "python3",
                    script.toString(),
                    checkerDir.toAbsolutePath().toString(),
                    cases.toString(),
                    verdicts.toString(),
                    String.valueOf(seconds))
                .redirectErrorStream(true)
                .start();
        String log =
            new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
          err.println("looptool: the official checker harness failed:\n" + log);
          return 1;
        }
        int same = 0;
        int count = 0;
        StringBuilder diffs = new StringBuilder();
        try (JsonlReader r = JsonlReader.open(verdicts)) {
          int i = 0;
          while (r.hasNext()) {
            JsonNode v = r.next().json();
            if (v.has("answers_cpu")) {
              double pyAnswers = v.get("answers_cpu").doubleValue();
              double pyAll = v.get("all_cpu").doubleValue();
              out.printf(
                  Locale.ROOT,
                  "official python checker, answers only:          %,.0f checks per CPU-second, %,.0f checks/s wall%n",
                  pyAnswers,
                  v.get("answers_wall").doubleValue());
              out.printf(
                  Locale.ROOT,
                  "official python checker, answers+perturbations: %,.0f checks per CPU-second, %,.0f checks/s wall%n",
                  pyAll,
                  v.get("all_wall").doubleValue());
              out.printf(
                  Locale.ROOT,
                  "speed-up java/python per CPU-second: %.1fx (answers only), %.1fx (answers+perturbations)%n",
                  javaAnswers.perCpuSecond() / pyAnswers,
                  javaAll.perCpuSecond() / pyAll);
              out.printf(
                  Locale.ROOT,
                  "speed-up java/python wall-clock:     %.1fx (answers only), %.1fx (answers+perturbations)%n",
                  javaAnswers.perWallSecond() / v.get("answers_wall").doubleValue(),
                  javaAll.perWallSecond() / v.get("all_wall").doubleValue());
              continue;
            }
            BfclCase c = compared.get(i++);
            BfclVerdict mine = checker.check(c.entry(), c.calls(), c.underscoreToDot());
            boolean pyValid = v.get("valid").booleanValue();
            String pyType = v.path("error_type").asText(null);
            count++;
            if (pyValid == mine.valid() && (pyValid || Objects.equals(pyType, mine.errorType()))) {
              same++;
            } else if (diffs.length() < 4000) {
              diffs.append(
                  String.format(
                      Locale.ROOT,
                      "  %s [%s]: python %s %s, java %s %s%n",
                      c.entry().id(),
                      c.description(),
                      pyValid,
                      pyType,
                      mine.valid(),
                      mine.errorType()));
            }
          }
        }
        out.printf(
            Locale.ROOT,
            "verdicts identical to the official checker (valid and error_type): %d of %d%n",
            same,
            count);
        out.print(diffs);
        return same == count ? 0 : 1;
      } finally {
        try (var files = Files.walk(work)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }

    /**
     * A case in the official checker's own shapes: docs, [{name: args}], ground truth, language.
     */
    private static ObjectNode pythonCase(BfclCase c, boolean isAnswer) {
      ObjectNode o = Json.object();
      o.put("id", c.entry().id());
      o.put("test_category", c.entry().category().id());
      o.put(
          "language",
          switch (c.entry().category().language()) {
            case JAVA -> "Java";
            case JAVASCRIPT -> "JavaScript";
            default -> "Python";
          });
      o.put("underscore_to_dot", c.underscoreToDot());
      o.put("answer", isAnswer);
      ArrayNode fns = Json.array();
      c.entry().functions().forEach(fns::add);
      o.set("function", fns);
      ArrayNode gt = Json.array();
      c.entry().groundTruth().forEach(gt::add);
      o.set("ground_truth", gt);
      List<ToolCall> decoded = BfclChecker.decode(c.calls());
      if (c.calls() == null || !c.calls().isArray()) {
        o.put("decode", "failed");
      } else if (decoded == null) {
        o.put("decode", "wrong_output_format");
      } else {
        ArrayNode model = Json.array();
        for (ToolCall call : decoded) {
          ObjectNode one = Json.object();
          one.set(call.name(), call.arguments());
          model.add(one);
        }
        o.set("model_output", model);
      }
      return o;
    }
  }
}

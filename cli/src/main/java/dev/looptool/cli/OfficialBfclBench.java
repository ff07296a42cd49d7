package dev.looptool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.benchmarks.bfcl.BfclCase;
import dev.looptool.benchmarks.bfcl.BfclChecker;
import dev.looptool.benchmarks.bfcl.BfclVerdict;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.JsonlWriter;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.ToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs the official gorilla AST checker (from a directory the user provides) on the bench cases
 * through a small Python harness, compares its verdict with the Java checker's on every case and
 * prints both speeds.
 */
final class OfficialBfclBench {
  private final PrintWriter out;
  private final PrintWriter err;

  OfficialBfclBench(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  int compare(
      Path checkerDir,
      BfclChecker checker,
      List<BfclCase> answers,
      List<BfclCase> all,
      List<BfclCase> compared,
      BfclBench.Rate javaAnswers,
      BfclBench.Rate javaAll,
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
              OfficialBfclBench.class.getResourceAsStream("bfcl_official_bench.py"))) {
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
      BenchDir.deleteTree(work);
    }
  }

  /** A case in the official checker's own shapes: docs, [{name: args}], ground truth, language. */
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

package dev.looptool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.llm.LlmBackends;
import dev.looptool.activities.llm.LlmJudge;
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.concurrent.DaemonThreads;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.JudgeRequest;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.RuleTier;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.judge.Vote;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.JudgeConfig;
import dev.looptool.core.model.Sample;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code looptool judge}: Judgement-Guided Label Verification of mismatches against an
 * OpenAI-compatible endpoint, rule tier first, K voters in both orders with quorum Q.
 */
@Command(
    name = "judge",
    mixinStandardHelpOptions = true,
    description = {
      "Judge mismatches (label vs prediction) with an LLM behind an OpenAI-compatible endpoint.",
      "Input lines: {\"sample\": <sample>, \"prediction\": \"<raw model output>\"}.",
      "Output: one line per sample: {\"id\", \"verdict\", \"consensus\", \"analysis\", \"rule\", \"votes\"}.",
      "Bad input lines and samples whose endpoint stayed unreachable go to the rejects file with the reason; exit code 1 then."
    })
public final class JudgeCommand implements Callable<Integer> {
  @Mixin LlmEndpointOptions endpoint;

  @Option(
      names = "--voters",
      defaultValue = "1",
      description =
          "K voters (the same model sampled with seeds seed..seed+K-1) (default: ${DEFAULT-VALUE}).")
  int voters;

  @Option(
      names = "--quorum",
      defaultValue = "1",
      description = "Q: votes needed for a verdict to stand (default: ${DEFAULT-VALUE}).")
  int quorum;

  @Option(
      names = "--both-orders",
      defaultValue = "true",
      arity = "1",
      description =
          "Ask label-first and prediction-first; disagreement is UNCERTAIN (default: ${DEFAULT-VALUE}).")
  boolean bothOrders;

  @Option(
      names = "--temperature",
      description = "Sampling temperature (default: 0 for one voter, 0.7 for several).")
  Double temperature;

  @Option(
      names = "--iteration",
      defaultValue = "0",
      description = "Loop iteration recorded with the request (default: ${DEFAULT-VALUE}).")
  int iteration;

  @Option(names = "--in", required = true, description = "Input JSON Lines file.")
  Path in;

  @Option(
      names = "--out",
      required = true,
      description = "Output JSON Lines file (written atomically).")
  Path out;

  @Option(
      names = "--rejects",
      description = "Where rejected lines go (default: OUT with .rejects.jsonl).")
  Path rejects;

  @Override
  public Integer call() throws Exception {
    if (quorum < 1 || quorum > voters) {
      System.err.println(
          "judge: --quorum must be between 1 and --voters (" + voters + "), got " + quorum);
      return 2;
    }
    double t = temperature != null ? temperature : voters == 1 ? 0.0 : 0.7;
    EndpointConfig cfg;
    try {
      cfg = endpoint.config(t);
    } catch (IllegalArgumentException e) {
      System.err.println("judge: " + e.getMessage());
      return 2;
    }
    Path rejectsFile = rejects != null ? rejects : Path.of(out + ".rejects.jsonl");
    MeterRegistry registry = new SimpleMeterRegistry();
    JudgeConfig judgeConfig = JudgeConfig.sameModel(cfg, voters, quorum, bothOrders);
    try (LlmBackends backends = new LlmBackends(registry)) {
      LlmJudge judge = backends.judge(judgeConfig);
      Run run = new Run(judge, backends.client(cfg, "judge"), registry, System.out);
      return run.execute(in, out, rejectsFile, iteration);
    }
  }

  /** One pass over an input file; also used by {@code bench judge}. */
  static final class Run {
    final LlmJudge judge;
    final OpenAiClient client;
    final MeterRegistry registry;
    final PrintStream console;
    final Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
    final AtomicLong done = new AtomicLong();
    final AtomicLong ruleSettled = new AtomicLong();
    final AtomicLong consensus = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    volatile long read;
    long rejected;

    Run(LlmJudge judge, OpenAiClient client, MeterRegistry registry, PrintStream console) {
      this.judge = judge;
      this.client = client;
      this.registry = registry;
      this.console = console;
    }

    int execute(Path in, Path out, Path rejectsFile, int iteration) throws Exception {
      long start = System.nanoTime();
      // Enough requests queued to keep every connection busy, without holding the whole file.
      Semaphore window = new Semaphore(Math.max(64, 4 * client.capacity()));
      List<CompletableFuture<Void>> pending = new ArrayList<>();
      Map<String, Long> firstLine = new HashMap<>();
      try (Progress progress = new Progress(console, "judged", done::get, () -> read);
          CliOut results = new CliOut(out);
          CliOut rejectsOut = new CliOut(rejectsFile);
          JsonlReader lines = JsonlReader.open(in)) {
        while (lines.hasNext()) {
          JsonlReader.Line l = lines.next();
          JudgeRequest request;
          try {
            request = decode(l, iteration);
          } catch (FormatException e) {
            reject(
                rejectsOut, new LineError(in.toString(), l.number(), e.field(), e.getMessage()), l);
            continue;
          }
          Long seen = firstLine.putIfAbsent(request.sample().id(), l.number());
          if (seen != null) {
            reject(
                rejectsOut,
                new LineError(
                    in.toString(),
                    l.number(),
                    "sample.id",
                    "duplicate id '" + request.sample().id() + "', first on line " + seen),
                l);
            continue;
          }
          read++;
          window.acquire();
          long lineNo = l.number();
          RuleTier.Outcome rule = RuleTier.apply(request.sample(), request.prediction());
          CompletableFuture<Void> f =
              judge
                  .judgeAsync(request)
                  .handle(
                      (j, err) -> {
                        try {
                          if (err != null) {
                            failed.incrementAndGet();
                            Throwable cause = AsyncFailures.cause(err);
                            reject(
                                rejectsOut,
                                new LineError(
                                    in.toString(),
                                    lineNo,
                                    "$",
                                    "judge unreachable: " + cause.getMessage()),
                                l);
                          } else {
                            record(j, rule);
                            results.write(line(j, rule));
                          }
                        } catch (Exception e) {
                          throw new CompletionException(e);
                        } finally {
                          done.incrementAndGet();
                          window.release();
                        }
                        return null;
                      });
          pending.add(f);
        }
        for (CompletableFuture<Void> f : pending) {
          f.join();
        }
        results.commit();
        if (rejected > 0 || failed.get() > 0) {
          rejectsOut.commit();
        }
      }
      double secs = (System.nanoTime() - start) / 1e9;
      summary(out, rejectsFile, secs);
      return rejected > 0 || failed.get() > 0 ? 1 : 0;
    }

    private synchronized void record(Judgement j, RuleTier.Outcome rule) {
      verdicts.merge(j.verdict(), 1L, Long::sum);
      if (rule == RuleTier.Outcome.IDENTICAL) {
        ruleSettled.incrementAndGet();
      }
      if (j.consensus()) {
        consensus.incrementAndGet();
      }
    }

    private void reject(CliOut rejectsOut, LineError error, JsonlReader.Line l)
        throws java.io.IOException {
      synchronized (this) {
        rejected++;
      }
      System.err.println(error);
      ObjectNode o = Json.object();
      o.put("file", error.file());
      o.put("line", error.line());
      o.put("field", error.field());
      o.put("reason", error.message());
      o.put("input", l.text());
      rejectsOut.write(o);
    }

    void summary(Path out, Path rejectsFile, double secs) {
      long calls =
          (long)
              registry.find("looptool.llm.request").timers().stream()
                  .mapToLong(t -> t.count())
                  .sum();
      double retries =
          registry.find("looptool.llm.retries").counters().stream()
              .mapToDouble(c -> c.count())
              .sum();
      StringBuilder errors = new StringBuilder();
      registry
          .find("looptool.llm.errors")
          .counters()
          .forEach(
              c ->
                  errors
                      .append(' ')
                      .append(c.getId().getTag("class"))
                      .append('=')
                      .append((long) c.count()));
      console.printf("judged %d samples in %.1f s -> %s%n", done.get() - failed.get(), secs, out);
      console.printf("verdicts: %s%n", verdicts);
      console.printf(
          "consensus: %d, settled by the rule tier (identical calls): %d%n",
          consensus.get(), ruleSettled.get());
      console.printf(
          "LLM calls: %d (%.1f/s), retries: %d, errors:%s%n",
          calls,
          calls / Math.max(secs, 1e-9),
          (long) retries,
          errors.length() == 0 ? " none" : errors);
      if (rejected > 0) {
        console.printf(
            "rejected: %d (unreachable after retries: %d) -> %s%n",
            rejected, failed.get(), rejectsFile);
      }
    }

    static JudgeRequest decode(JsonlReader.Line l, int iteration) throws FormatException {
      if (!l.ok()) {
        throw new FormatException("$", l.error());
      }
      JsonNode n = l.json();
      if (!n.isObject()) {
        throw new FormatException(
            "$", "each line must be an object {\"sample\": ..., \"prediction\": \"...\"}");
      }
      Sample sample = PredictionLines.sample(n);
      return JudgeRequest.of(sample, PredictionLines.prediction(n), iteration);
    }

    static ObjectNode line(Judgement j, RuleTier.Outcome rule) {
      ObjectNode o = Json.object();
      o.put("id", j.sampleId());
      o.put("verdict", j.verdict().name());
      o.put("consensus", j.consensus());
      o.put("analysis", j.analysis());
      o.put("rule", rule.name());
      ArrayNode votes = o.putArray("votes");
      for (Vote v : j.votes()) {
        ObjectNode w = votes.addObject();
        w.put("voter", v.voter());
        w.put("order", v.order());
        w.put("prompt_sha256", v.promptSha256());
        w.set("sampling", v.sampling());
        w.put("raw_answer", v.rawAnswer());
        w.put("verdict", v.verdict().name());
        w.put("analysis", v.analysis());
      }
      return o;
    }
  }

  /** Prints a progress line every few seconds while a command runs. */
  static final class Progress implements AutoCloseable {
    private final java.util.concurrent.ScheduledExecutorService timer;

    Progress(
        PrintStream console,
        String verb,
        java.util.function.LongSupplier done,
        java.util.function.LongSupplier total) {
      long start = System.nanoTime();
      timer =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
              DaemonThreads.named("progress"));
      timer.scheduleAtFixedRate(
          () -> {
            double secs = (System.nanoTime() - start) / 1e9;
            long d = done.getAsLong();
            console.printf(
                "%s %d of %d read so far (%.1f/s)%n", verb, d, total.getAsLong(), d / secs);
          },
          5,
          5,
          java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}

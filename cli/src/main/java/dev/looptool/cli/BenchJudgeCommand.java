package dev.looptool.cli;

import dev.looptool.activities.llm.LlmJudge;
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.JudgeRequest;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench judge}: judge throughput against the in-process fake server with latency L and
 * concurrency limit C. A client that keeps exactly C requests in flight achieves C/L requests per
 * second; the ratio of achieved to that ideal is the figure of merit (goal ≥ 0.95). It is measured
 * on the machine as it is and again while a CPU load it starts itself (a separate JVM spinning one
 * busy thread per core, as a training job on a GPU worker's host would) shares the machine, and
 * also against the latency the fake server actually delivered, which the server's own CPU and
 * wake-ups stretch under load and which no client can beat.
 */
@Command(
    name = "judge",
    mixinStandardHelpOptions = true,
    description =
        "Judge throughput against the fake OpenAI-compatible server; prints achieved requests/s divided by C/L, idle and under a CPU load.")
final class BenchJudgeCommand implements Callable<Integer> {
  @Option(
      names = "--latency-ms",
      defaultValue = "100",
      description = "Server latency L per request (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(
      names = "--concurrency",
      defaultValue = "32",
      description = "Server concurrency limit C, also the client's (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--samples",
      defaultValue = "4000",
      description = "Mismatches judged in each measured run (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--warmup",
      defaultValue = "3000",
      description =
          "Mismatches judged first, unmeasured, so the JIT has compiled the hot code (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--both-orders",
      defaultValue = "false",
      arity = "1",
      description = "Ask both orders (2 requests per sample) (default: ${DEFAULT-VALUE}).")
  boolean bothOrders;

  @Option(
      names = "--voters",
      defaultValue = "1",
      description = "Voters per sample (default: ${DEFAULT-VALUE}).")
  int voters;

  @Option(
      names = "--load",
      defaultValue = "both",
      description =
          "none: measure only as the machine is; cpu: only under the CPU load; both: one after the other (default: ${DEFAULT-VALUE}).")
  String load;

  @Option(
      names = "--load-threads",
      defaultValue = "0",
      description = "Busy threads of the CPU load; 0: one per core (default: ${DEFAULT-VALUE}).")
  int loadThreads;

  /** One measured run's figures. */
  record Figures(
      String mode,
      double achieved,
      double ratio,
      double deliveredMs,
      double ratioDelivered,
      double clientMs,
      double cpuMsPerRequest,
      double loadAverage) {}

  @Override
  public Integer call() throws Exception {
    if (latencyMs < 1 || concurrency < 1 || samples < 1 || voters < 1 || loadThreads < 0) {
      System.err.println(
          "bench judge: --latency-ms, --concurrency, --samples and --voters must be at least 1");
      return 2;
    }
    if (!List.of("none", "cpu", "both").contains(load)) {
      System.err.println("bench judge: --load must be none, cpu or both, got '" + load + "'");
      return 2;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    int busy = loadThreads == 0 ? cores : loadThreads;
    var options =
        new FakeOpenAiServer.Options(latencyMs, concurrency, FakeOpenAiServer.Faults.none());
    System.out.printf(
        "bench judge: latency L=%d ms, concurrency C=%d, %d samples per run, %d voter(s), both orders %s, %d cpus%n",
        latencyMs, concurrency, samples, voters, bothOrders, cores);
    List<Figures> figures = new ArrayList<>();
    try (FakeOpenAiServer server = FakeOpenAiServer.start(options)) {
      EndpointConfig cfg =
          EndpointConfig.of(server.baseUrl(), "fake-judge")
              .withConcurrency(concurrency)
              .withTimeouts(5_000, 60_000);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (OpenAiClient client = new OpenAiClient(cfg, "judge", registry)) {
        List<LlmJudge.Voter> vs = new ArrayList<>();
        for (int i = 0; i < voters; i++) {
          vs.add(
              new LlmJudge.Voter(
                  "fake#" + i, client, new SamplingParams(0.0, null, 256, (long) i, null)));
        }
        LlmJudge judge = new LlmJudge(vs, 1, bothOrders);
        // Warm-up: connections opened and code compiled before the clock starts (the JIT's own
        // compilation otherwise takes as much CPU as the requests during the first thousands).
        judgeAll(judge, requests(Math.max(2 * concurrency, warmup), "warm"));
        if (!load.equals("cpu")) {
          figures.add(measure("idle", judge, server, registry, "s"));
        }
        if (!load.equals("none")) {
          Process hog = BenchMachine.CpuLoad.start(busy);
          try {
            // Let the load's JVM start and its threads spin before the clock starts.
            judgeAll(judge, requests(Math.max(2 * concurrency, warmup / 3), "warm-load"));
            figures.add(
                measure("cpu load (" + busy + " busy threads)", judge, server, registry, "l"));
          } finally {
            hog.destroyForcibly();
            hog.waitFor();
          }
        }
      }
    }
    System.out.println();
    System.out.println(
        "| mode | req/s | ideal C/L | ratio | delivered latency | ratio vs C/delivered | client latency | CPU/request | load avg |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    double ideal = concurrency / (latencyMs / 1000.0);
    for (Figures f : figures) {
      System.out.printf(
          "| %s | %.1f | %.1f | %.3f | %.1f ms | %.3f | %.1f ms | %.2f ms | %.2f |%n",
          f.mode(),
          f.achieved(),
          ideal,
          f.ratio(),
          f.deliveredMs(),
          f.ratioDelivered(),
          f.clientMs(),
          f.cpuMsPerRequest(),
          f.loadAverage());
    }
    for (Figures f : figures) {
      System.out.printf(
          "ratio %s: achieved/(C/L) = %.3f, achieved/(C/delivered latency) = %.3f (goal >= 0.95)%n",
          f.mode(), f.ratio(), f.ratioDelivered());
    }
    return 0;
  }

  /**
   * One measured run. The rate is taken over the middle 90% of the judgements' completions, so
   * neither the ramp-up (C requests sent at once) nor the last partial round (fewer than C left)
   * counts against the client; the delivered latency is what the server measured from a request's
   * arrival at its handler to its answer written, over the same run.
   */
  private Figures measure(
      String mode,
      LlmJudge judge,
      FakeOpenAiServer server,
      SimpleMeterRegistry registry,
      String prefix) {
    Timer okTimer = registry.find("looptool.llm.request").tag("outcome", "ok").timer();
    long timedBefore = okTimer.count();
    double totalBefore = okTimer.totalTime(TimeUnit.MILLISECONDS);
    long requestsBefore = server.requests();
    double deliveredBefore = server.deliveredLatencyMillis() * server.answered();
    long answeredBefore = server.answered();
    List<JudgeRequest> measured = requests(samples, prefix);
    long[] done = new long[measured.size()];
    AtomicInteger k = new AtomicInteger();
    long cpuStart = BenchMachine.processCpuNanos();
    List<CompletableFuture<Judgement>> fs = new ArrayList<>(measured.size());
    for (JudgeRequest r : measured) {
      fs.add(
          judge
              .judgeAsync(r)
              .whenComplete((j, e) -> done[k.getAndIncrement()] = System.nanoTime()));
    }
    fs.forEach(CompletableFuture::join);
    long cpu = BenchMachine.processCpuNanos() - cpuStart;
    long reqs = server.requests() - requestsBefore;
    long[] sorted = Arrays.copyOf(done, k.get());
    Arrays.sort(sorted);
    int lo = sorted.length / 20;
    int hi = sorted.length - 1 - sorted.length / 20;
    double perSample = (double) reqs / measured.size();
    double achieved = (hi - lo) * perSample / ((sorted[hi] - sorted[lo]) / 1e9);
    double ideal = concurrency / (latencyMs / 1000.0);
    long answered = server.answered() - answeredBefore;
    double deliveredMs =
        (server.deliveredLatencyMillis() * server.answered() - deliveredBefore)
            / Math.max(1, answered);
    double clientMs =
        (okTimer.totalTime(TimeUnit.MILLISECONDS) - totalBefore)
            / Math.max(1, okTimer.count() - timedBefore);
    double loadAvg = BenchMachine.loadAverage();
    Figures f =
        new Figures(
            mode,
            achieved,
            achieved / ideal,
            deliveredMs,
            achieved / (concurrency / (deliveredMs / 1000.0)),
            clientMs,
            cpu < 0 ? Double.NaN : cpu / 1e6 / Math.max(1, reqs),
            loadAvg);
    System.out.printf(
        "%s: %d requests, %.1f req/s (middle 90%% of completions); ideal C/L = %.1f req/s; ratio %.3f%n",
        mode, reqs, achieved, ideal, f.ratio());
    System.out.printf(
        "  latency delivered by the server %.1f ms (L = %d ms), seen by the client %.1f ms; "
            + "achieved/(C/delivered) = %.3f, achieved/(C/client latency) = %.3f%n",
        deliveredMs,
        latencyMs,
        clientMs,
        f.ratioDelivered(),
        achieved / (concurrency / (clientMs / 1000.0)));
    System.out.printf(
        "  CPU of this process (client and fake server) %.2f ms per request; max in flight %d; load average %.2f%n",
        f.cpuMsPerRequest(), server.maxInFlight(), loadAvg);
    return f;
  }

  private static void judgeAll(LlmJudge judge, List<JudgeRequest> requests) {
    List<CompletableFuture<Judgement>> fs = new ArrayList<>(requests.size());
    for (JudgeRequest r : requests) {
      fs.add(judge.judgeAsync(r));
    }
    fs.forEach(CompletableFuture::join);
  }

  /** Mismatches whose predictions name another city than their labels, so each costs calls. */
  static List<JudgeRequest> requests(int n, String prefix) {
    ToolSpec tool =
        new ToolSpec(
            "get_weather",
            "Current weather for a city",
            JsonSchema.builder("object")
                .property("city", JsonSchema.builder("string").build(), true)
                .build());
    List<JudgeRequest> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String city = "City" + i;
      Sample s =
          new Sample(
              prefix + i,
              List.of(tool),
              List.of(Message.user("Weather in " + city + "?")),
              Label.ofCalls(List.of(ToolCall.of("get_weather", Json.object().put("city", city)))),
              null,
              null);
      String pred =
          HermesFormat.callBlock(ToolCall.of("get_weather", Json.object().put("city", city + "x")));
      out.add(new JudgeRequest(s, pred, HermesFormat.parse(pred), 0));
    }
    return out;
  }
}

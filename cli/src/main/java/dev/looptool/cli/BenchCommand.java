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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code looptool bench ...}: throughput benchmarks of the model backends. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of the model backends (they print measured numbers and ratios).",
    subcommands = {BenchCommand.JudgeBench.class, BenchCommand.FakeServer.class})
public final class BenchCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * {@code bench fake-server}: runs the fake OpenAI-compatible server on 127.0.0.1 until stopped,
   * so that {@code judge}, {@code expand} and other tools can be tried without a model.
   */
  @Command(
      name = "fake-server",
      mixinStandardHelpOptions = true,
      description =
          "Serve the deterministic fake OpenAI-compatible model on 127.0.0.1 until interrupted (Ctrl-C).")
  static final class FakeServer implements Callable<Integer> {
    @Option(
        names = "--latency-ms",
        defaultValue = "0",
        description = "Latency per request (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(
        names = "--concurrency",
        defaultValue = "0",
        description =
            "Concurrency limit, 0 for none; beyond it requests get 429 (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
        names = "--fault-rate",
        defaultValue = "0",
        description =
            "Probability of each fault kind (500, 429, stall, malformed) per request (default: ${DEFAULT-VALUE}).")
    double faultRate;

    @Option(
        names = "--seconds",
        defaultValue = "0",
        description =
            "Stop after this many seconds; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Override
    public Integer call() throws Exception {
      if (faultRate < 0 || faultRate > 0.25) {
        System.err.println("bench fake-server: --fault-rate must be between 0 and 0.25");
        return 2;
      }
      var faults =
          new FakeOpenAiServer.Faults(faultRate, faultRate, 1, faultRate, 180_000, faultRate, 1);
      try (FakeOpenAiServer server =
          FakeOpenAiServer.start(new FakeOpenAiServer.Options(latencyMs, concurrency, faults))) {
        System.out.println("fake OpenAI-compatible server at " + server.baseUrl());
        System.out.flush();
        if (seconds > 0) {
          Thread.sleep(seconds * 1000);
        } else {
          new java.util.concurrent.CountDownLatch(1).await();
        }
        System.out.printf(
            "served %d requests (%d answered, faults %s)%n",
            server.requests(), server.answered(), server.faults());
      }
      return 0;
    }
  }

  /**
   * {@code bench judge}: judge throughput against the in-process fake server with latency L and
   * concurrency limit C. A client that keeps exactly C requests in flight achieves C/L requests per
   * second; the ratio of achieved to that ideal is the figure of merit (goal ≥ 0.95).
   */
  @Command(
      name = "judge",
      mixinStandardHelpOptions = true,
      description =
          "Judge throughput against the fake OpenAI-compatible server; prints achieved requests/s divided by C/L.")
  static final class JudgeBench implements Callable<Integer> {
    @Option(
        names = "--latency-ms",
        defaultValue = "100",
        description = "Server latency L per request (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(
        names = "--concurrency",
        defaultValue = "16",
        description = "Server concurrency limit C, also the client's (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
        names = "--samples",
        defaultValue = "1000",
        description = "Mismatches judged in the measured run (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(
        names = "--warmup",
        defaultValue = "1500",
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

    @Override
    public Integer call() throws Exception {
      if (latencyMs < 1 || concurrency < 1 || samples < 1 || voters < 1) {
        System.err.println(
            "bench judge: --latency-ms, --concurrency, --samples and --voters must be at least 1");
        return 2;
      }
      var options =
          new FakeOpenAiServer.Options(latencyMs, concurrency, FakeOpenAiServer.Faults.none());
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
          long before = server.requests();
          io.micrometer.core.instrument.Timer okTimer =
              registry.find("looptool.llm.request").tag("outcome", "ok").timer();
          long timedBefore = okTimer.count();
          double totalBefore = okTimer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
          List<JudgeRequest> measured = requests(samples, "s");
          long cpuStart = processCpuNanos();
          long start = System.nanoTime();
          judgeAll(judge, measured);
          double secs = (System.nanoTime() - start) / 1e9;
          long cpu = processCpuNanos() - cpuStart;
          long reqs = server.requests() - before;
          double achieved = reqs / secs;
          double ideal = concurrency / (latencyMs / 1000.0);
          System.out.printf(
              "bench judge: latency L=%d ms, concurrency C=%d, %d samples, %d voter(s), both orders %s%n",
              latencyMs, concurrency, samples, voters, bothOrders);
          System.out.printf(
              "requests: %d in %.2f s -> %.1f req/s; ideal C/L = %.1f req/s%n",
              reqs, secs, achieved, ideal);
          System.out.printf("ratio achieved/(C/L) = %.3f (goal >= 0.95)%n", achieved / ideal);
          double meanMs =
              (okTimer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) - totalBefore)
                  / Math.max(1, okTimer.count() - timedBefore);
          System.out.printf(
              "mean request latency seen by the client: %.1f ms (server latency %d ms); "
                  + "achieved/(C/that latency) = %.3f (how fully the client kept C requests in flight)%n",
              meanMs, latencyMs, achieved / (concurrency / (meanMs / 1000.0)));
          if (cpu >= 0) {
            System.out.printf(
                "CPU time of this process (client and fake server together): %.2f ms per request%n",
                cpu / 1e6 / Math.max(1, reqs));
          }
          System.out.printf(
              "server: max in flight %d, faults %s; load average %.2f on %d cpus%n",
              server.maxInFlight(),
              server.faults(),
              ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
              Runtime.getRuntime().availableProcessors());
        }
      }
      return 0;
    }

    /** CPU time of the whole JVM, or -1 where the platform does not report it. */
    private static long processCpuNanos() {
      java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
      return os instanceof com.sun.management.OperatingSystemMXBean
          ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()
          : -1;
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
            HermesFormat.callBlock(
                ToolCall.of("get_weather", Json.object().put("city", city + "x")));
        out.add(new JudgeRequest(s, pred, HermesFormat.parse(pred), 0));
      }
      return out;
    }
  }
}

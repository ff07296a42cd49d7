package dev.looptool.cli;

import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench fake-server}: runs the fake OpenAI-compatible server on 127.0.0.1 until stopped, so
 * that {@code judge}, {@code expand} and other tools can be tried without a model.
 */
@Command(
    name = "fake-server",
    mixinStandardHelpOptions = true,
    description =
        "Serve the deterministic fake OpenAI-compatible model on 127.0.0.1 until interrupted (Ctrl-C).")
final class BenchFakeServerCommand implements Callable<Integer> {
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
        new CountDownLatch(1).await();
      }
      System.out.printf(
          "served %d requests (%d answered, faults %s)%n",
          server.requests(), server.answered(), server.faults());
    }
    return 0;
  }
}

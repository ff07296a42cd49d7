package dev.looptool.cli;

import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.SamplingParams;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command that talks to an OpenAI-compatible endpoint shares. */
final class LlmEndpointOptions {
  @Option(
      names = "--endpoint",
      required = true,
      paramLabel = "URL",
      description =
          "Base URL of an OpenAI-compatible server, e.g. http://localhost:8000/v1; repeat for replicas of the same model.")
  List<String> endpoints;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "NAME",
      description = "Model name the server serves.")
  String model;

  @Option(
      names = "--api-key-env",
      paramLabel = "VAR",
      description =
          "Name of the environment variable holding the API key (the key itself is never a flag).")
  String apiKeyEnv;

  @Option(
      names = "--concurrency",
      defaultValue = "8",
      paramLabel = "C",
      description = "Requests in flight per endpoint (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--timeout-ms",
      defaultValue = "120000",
      description = "Per-request timeout in ms (default: ${DEFAULT-VALUE}).")
  long timeoutMs;

  @Option(
      names = "--retries",
      defaultValue = "6",
      description = "Retries of a transient fault per request (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(
      names = "--backoff-ms",
      defaultValue = "500",
      description =
          "First retry backoff in ms, doubling up to 30 s, with jitter; a Retry-After header wins (default: ${DEFAULT-VALUE}).")
  long backoffMs;

  @Option(
      names = "--max-tokens",
      defaultValue = "1024",
      description = "max_tokens per answer (default: ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description =
          "Sampling seed; voters and attempts add their index (default: ${DEFAULT-VALUE}).")
  long seed;

  EndpointConfig config(Double temperature) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be at least 1");
    }
    return new EndpointConfig(
        endpoints,
        model,
        apiKeyEnv,
        concurrency,
        0,
        timeoutMs,
        retries,
        backoffMs,
        0,
        new SamplingParams(temperature, null, maxTokens, seed, null),
        null,
        null);
  }
}

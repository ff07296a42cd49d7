package dev.looptool.core.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/**
 * How to reach one model role's OpenAI-compatible endpoints, as a run specification holds it: base
 * URLs (several replicas serving the same model), the model name, the NAME of the environment
 * variable holding the API key (the key itself is read at use time only, never stored), the
 * concurrency allowed per base URL, timeouts, the retry budget, sampling and extra body fields
 * (e.g. {@code top_k}, {@code chat_template_kwargs}), and the circuit breaker that takes a failing
 * or slow base URL out of rotation ({@link BreakerSettings}). Zero or null fields take the defaults
 * below (for {@code maxRetries}: null or negative; 0 retries is a valid choice).
 */
public record EndpointConfig(
    List<String> baseUrls,
    String model,
    String apiKeyEnv,
    int maxConcurrency,
    long connectTimeoutMs,
    long requestTimeoutMs,
    Integer maxRetries,
    long initialBackoffMs,
    long maxBackoffMs,
    SamplingParams sampling,
    ObjectNode extraBody,
    BreakerSettings breaker) {

  public static final int DEFAULT_CONCURRENCY = 8;
  public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
  public static final int DEFAULT_RETRIES = 6;
  public static final long DEFAULT_INITIAL_BACKOFF_MS = 500;
  public static final long DEFAULT_MAX_BACKOFF_MS = 30_000;

  public EndpointConfig {
    if (baseUrls == null || baseUrls.isEmpty()) {
      throw new IllegalArgumentException(
          "an endpoint needs at least one base URL (e.g. http://host:8000/v1)");
    }
    baseUrls = List.copyOf(baseUrls);
    for (String u : baseUrls) {
      URI uri;
      try {
        uri = URI.create(u);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "base URL '" + u + "' is not a URI: " + e.getMessage(), e);
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "base URL '" + u + "' must be http(s)://host[:port][/path]");
      }
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("an endpoint needs a model name");
    }
    if (apiKeyEnv != null && apiKeyEnv.isBlank()) {
      apiKeyEnv = null;
    }
    maxConcurrency = maxConcurrency <= 0 ? DEFAULT_CONCURRENCY : maxConcurrency;
    connectTimeoutMs = connectTimeoutMs <= 0 ? DEFAULT_CONNECT_TIMEOUT_MS : connectTimeoutMs;
    requestTimeoutMs = requestTimeoutMs <= 0 ? DEFAULT_REQUEST_TIMEOUT_MS : requestTimeoutMs;
    // Null (absent from a run spec) means the default; 0 means no retries.
    maxRetries = maxRetries == null || maxRetries < 0 ? DEFAULT_RETRIES : maxRetries;
    initialBackoffMs = initialBackoffMs <= 0 ? DEFAULT_INITIAL_BACKOFF_MS : initialBackoffMs;
    maxBackoffMs =
        maxBackoffMs <= 0 ? DEFAULT_MAX_BACKOFF_MS : Math.max(maxBackoffMs, initialBackoffMs);
    sampling = sampling == null ? new SamplingParams(null, null, null, null, null) : sampling;
    breaker = breaker == null ? BreakerSettings.defaults() : breaker;
  }

  /** One base URL, one model, defaults for the rest. */
  public static EndpointConfig of(String baseUrl, String model) {
    return new EndpointConfig(List.of(baseUrl), model, null, 0, 0, 0, null, 0, 0, null, null, null);
  }

  public EndpointConfig withApiKeyEnv(String env) {
    return with(c -> c.apiKeyEnv = env);
  }

  public EndpointConfig withConcurrency(int concurrency) {
    return with(c -> c.maxConcurrency = concurrency);
  }

  public EndpointConfig withTimeouts(long connectMs, long requestMs) {
    return with(
        c -> {
          c.connectTimeoutMs = connectMs;
          c.requestTimeoutMs = requestMs;
        });
  }

  public EndpointConfig withRetries(Integer retries, long initialMs, long maxMs) {
    return with(
        c -> {
          c.maxRetries = retries;
          c.initialBackoffMs = initialMs;
          c.maxBackoffMs = maxMs;
        });
  }

  public EndpointConfig withSampling(SamplingParams s) {
    return with(c -> c.sampling = s);
  }

  public EndpointConfig withExtraBody(ObjectNode extra) {
    return with(c -> c.extraBody = extra);
  }

  public EndpointConfig withBreaker(BreakerSettings b) {
    return with(c -> c.breaker = b);
  }

  /** A copy of this config with what {@code change} sets on its fields. */
  private EndpointConfig with(Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return c.build();
  }

  /** The fields of a config, to change some and build the copy (one place lists them all). */
  private static final class Copy {
    final List<String> baseUrls;
    final String model;
    String apiKeyEnv;
    int maxConcurrency;
    long connectTimeoutMs;
    long requestTimeoutMs;
    Integer maxRetries;
    long initialBackoffMs;
    long maxBackoffMs;
    SamplingParams sampling;
    ObjectNode extraBody;
    BreakerSettings breaker;

    Copy(EndpointConfig e) {
      baseUrls = e.baseUrls;
      model = e.model;
      apiKeyEnv = e.apiKeyEnv;
      maxConcurrency = e.maxConcurrency;
      connectTimeoutMs = e.connectTimeoutMs;
      requestTimeoutMs = e.requestTimeoutMs;
      maxRetries = e.maxRetries;
      initialBackoffMs = e.initialBackoffMs;
      maxBackoffMs = e.maxBackoffMs;
      sampling = e.sampling;
      extraBody = e.extraBody;
      breaker = e.breaker;
    }

    EndpointConfig build() {
      return new EndpointConfig(
          baseUrls,
          model,
          apiKeyEnv,
          maxConcurrency,
          connectTimeoutMs,
          requestTimeoutMs,
          maxRetries,
          initialBackoffMs,
          maxBackoffMs,
          sampling,
          extraBody,
          breaker);
    }
  }
}

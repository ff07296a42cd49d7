package dev.looptool.activities.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An asynchronous client of OpenAI-compatible servers (vLLM, SGLang, Ollama, hosted APIs) for one
 * model role: chat completions and text completions with log-probabilities, spread over the role's
 * base URLs with bounded concurrency per URL, retried with exponential backoff and jitter on 429,
 * 5xx, connection resets, timeouts and malformed bodies (honouring {@code Retry-After}), and
 * measured in Micrometer. The API key is read from the named environment variable for each request
 * and only ever sent in the Authorization header.
 *
 * <p>Long on purpose: routing, concurrency limits, retries and metrics act on the same request and
 * attempt; split apart, each piece would need the others' state.
 */
public final class OpenAiClient implements AutoCloseable {
  /** The longest Retry-After honoured; a server asking for more is waited on this long. */
  static final long MAX_RETRY_AFTER_MS = 300_000;

  private final EndpointConfig config;
  private final String role;
  private final MeterRegistry registry;
  private final Function<String, String> env;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final HttpClient http;
  private final List<Endpoint> endpoints = new ArrayList<>();
  private final AtomicInteger roundRobin = new AtomicInteger();

  /** One base URL: where to send, its limiter and its meters. */
  private final class Endpoint {
    final String baseUrl;
    final String host;
    final AsyncLimiter limiter;
    final Counter retries;
    final Counter promptTokens;
    final Counter completionTokens;
    final Timer ok;

    Endpoint(String baseUrl) {
      this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
      URI u = URI.create(this.baseUrl);
      this.host =
          u.getHost()
              + ":"
              + (u.getPort() > 0 ? u.getPort() : ("https".equals(u.getScheme()) ? 443 : 80));
      this.limiter = new AsyncLimiter(config.maxConcurrency(), executor);
      this.retries =
          Counter.builder("looptool.llm.retries")
              .description("requests retried after a transient fault")
              .tag("endpoint", host)
              .tag("role", role)
              .register(registry);
      this.promptTokens =
          Counter.builder("looptool.llm.tokens")
              .tag("endpoint", host)
              .tag("role", role)
              .tag("kind", "prompt")
              .register(registry);
      this.completionTokens =
          Counter.builder("looptool.llm.tokens")
              .tag("endpoint", host)
              .tag("role", role)
              .tag("kind", "completion")
              .register(registry);
      this.ok = timer("ok");
    }

    Timer timer(String outcome) {
      return Timer.builder("looptool.llm.request")
          .description("latency of one HTTP attempt")
          .tag("endpoint", host)
          .tag("role", role)
          .tag("outcome", outcome)
          .register(registry);
    }

    void error(String errorClass) {
      Counter.builder("looptool.llm.errors")
          .tag("endpoint", host)
          .tag("role", role)
          .tag("class", errorClass)
          .register(registry)
          .increment();
    }
  }

  public OpenAiClient(EndpointConfig config, String role, MeterRegistry registry) {
    this(config, role, registry, System::getenv);
  }

  /** With the environment lookup given, so tests can supply a key without a real variable. */
  public OpenAiClient(
      EndpointConfig config, String role, MeterRegistry registry, Function<String, String> env) {
    this.config = config;
    this.role = role;
    this.registry = registry;
    this.env = env;
    this.executor = Executors.newCachedThreadPool(daemon("looptool-llm-" + role));
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(daemon("looptool-llm-retry-" + role));
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
            .executor(executor)
            .build();
    for (String u : config.baseUrls()) {
      endpoints.add(new Endpoint(u));
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public EndpointConfig config() {
    return config;
  }

  public String role() {
    return role;
  }

  /** The most requests this client keeps in flight, over all its base URLs. */
  public int capacity() {
    return config.maxConcurrency() * endpoints.size();
  }

  // ---------------------------------------------------------------- chat

  public CompletableFuture<ChatResult> chat(ChatRequest request) {
    ObjectNode body = Json.object();
    body.put("model", config.model());
    ArrayNode msgs = body.putArray("messages");
    for (Message m : request.messages()) {
      msgs.add(wireMessage(m));
    }
    if (!request.tools().isEmpty()) {
      ArrayNode tools = body.putArray("tools");
      for (ToolSpec t : request.tools()) {
        tools.add(wireTool(t));
      }
    }
    applySampling(body, request.sampling(), request.extraBody());
    return post("/chat/completions", body).thenApply(OpenAiClient::readChat);
  }

  static ObjectNode wireMessage(Message m) {
    ObjectNode o = Json.object();
    o.put("role", m.role().wireName());
    if (m.content() == null) {
      o.putNull("content");
    } else {
      o.put("content", m.content());
    }
    if (m.role() == Role.TOOL) {
      if (m.toolCallId() != null) {
        o.put("tool_call_id", m.toolCallId());
      }
      if (m.name() != null) {
        o.put("name", m.name());
      }
    }
    if (m.hasToolCalls()) {
      ArrayNode calls = o.putArray("tool_calls");
      int i = 0;
      for (ToolCall c : m.toolCalls()) {
        ObjectNode call = calls.addObject();
        call.put("id", "call_" + i++);
        call.put("type", "function");
        ObjectNode fn = call.putObject("function");
        fn.put("name", c.name());
        // The OpenAI API carries arguments as a JSON-encoded string.
        fn.put("arguments", Json.compact(c.arguments()));
      }
    }
    return o;
  }

  static ObjectNode wireTool(ToolSpec t) {
    ObjectNode o = Json.object();
    o.put("type", "function");
    ObjectNode fn = o.putObject("function");
    fn.put("name", t.name());
    fn.put("description", t.description());
    fn.set("parameters", t.parameters().node());
    return o;
  }

  static ChatResult readChat(JsonNode body) {
    JsonNode choice = body.path("choices").path(0);
    JsonNode msg = choice.path("message");
    String content = msg.path("content").isTextual() ? msg.path("content").textValue() : "";
    List<ToolCall> calls = new ArrayList<>();
    String callError = null;
    JsonNode tc = msg.path("tool_calls");
    for (int i = 0; i < tc.size() && callError == null; i++) {
      JsonNode fn = tc.get(i).path("function");
      String name = fn.path("name").asText("");
      JsonNode args = fn.get("arguments");
      if (name.isEmpty()) {
        callError = "tool_calls[" + i + "].function.name is missing";
        break;
      }
      ObjectNode argsObj;
      if (args == null || args.isNull()) {
        argsObj = Json.object();
      } else if (args.isObject()) {
        argsObj = (ObjectNode) args;
      } else if (args.isTextual()) {
        try {
          JsonNode parsed =
              args.textValue().isBlank() ? Json.object() : Json.parse(args.textValue());
          if (!parsed.isObject()) {
            callError = "tool_calls[" + i + "].function.arguments is not a JSON object";
            break;
          }
          argsObj = (ObjectNode) parsed;
        } catch (JsonProcessingException e) {
          callError =
              "tool_calls["
                  + i
                  + "].function.arguments is not valid JSON: "
                  + e.getOriginalMessage();
          break;
        }
      } else {
        callError = "tool_calls[" + i + "].function.arguments must be a JSON object or string";
        break;
      }
      calls.add(new ToolCall(name, argsObj));
    }
    List<Double> lps = new ArrayList<>();
    // Chat log-probabilities: one entry per generated token under logprobs.content.
    for (JsonNode t : choice.path("logprobs").path("content")) {
      JsonNode v = t.path("logprob");
      lps.add(v.isNumber() ? v.doubleValue() : Double.NaN);
    }
    JsonNode usage = body.path("usage");
    return new ChatResult(
        content,
        callError == null ? calls : List.of(),
        callError,
        choice.path("finish_reason").asText(null),
        usage.path("prompt_tokens").asInt(0),
        usage.path("completion_tokens").asInt(0),
        lps);
  }

  // ---------------------------------------------------------------- models

  /**
   * {@code GET /models} on every base URL, once each (no retries): base URL → the {@code data}
   * list. A failure (connection refused, non-2xx, not JSON) is an {@link IOException} naming the
   * URL.
   */
  public Map<String, JsonNode> listModels() throws IOException, InterruptedException {
    Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
    for (Endpoint ep : endpoints) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(ep.baseUrl + "/models"))
              .timeout(Duration.ofMillis(config.requestTimeoutMs()))
              .header("Accept", "application/json")
              .GET();
      if (config.apiKeyEnv() != null) {
        String key = env.apply(config.apiKeyEnv());
        if (key != null && !key.isBlank()) {
          b.header("Authorization", "Bearer " + key.strip());
        }
      }
      HttpResponse<byte[]> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (resp.statusCode() / 100 != 2) {
        throw new IOException("GET " + ep.baseUrl + "/models answered " + resp.statusCode());
      }
      JsonNode data = Json.MAPPER.readTree(resp.body()).path("data");
      if (!data.isArray()) {
        throw new IOException("GET " + ep.baseUrl + "/models: the answer has no data list");
      }
      out.put(ep.baseUrl, data);
    }
    return out;
  }

  // ---------------------------------------------------------------- completions

  public CompletableFuture<CompletionResult> complete(CompletionRequest request) {
    ObjectNode body = Json.object();
    body.put("model", config.model());
    body.put("prompt", request.prompt());
    if (request.logprobs() > 0) {
      body.put("logprobs", request.logprobs());
    }
    applySampling(body, request.sampling(), request.extraBody());
    return post("/completions", body).thenApply(OpenAiClient::readCompletion);
  }

  static CompletionResult readCompletion(JsonNode body) {
    JsonNode choice = body.path("choices").path(0);
    List<String> tokens = new ArrayList<>();
    List<Double> lps = new ArrayList<>();
    JsonNode lp = choice.path("logprobs");
    for (JsonNode t : lp.path("tokens")) {
      tokens.add(t.asText());
    }
    for (JsonNode v : lp.path("token_logprobs")) {
      // A server may send null for a token it has no probability for (e.g. the first prompt token).
      lps.add(v.isNumber() ? v.doubleValue() : Double.NaN);
    }
    JsonNode usage = body.path("usage");
    return new CompletionResult(
        choice.path("text").asText(""),
        tokens,
        lps,
        choice.path("finish_reason").asText(null),
        usage.path("prompt_tokens").asInt(0),
        usage.path("completion_tokens").asInt(0));
  }

  private void applySampling(ObjectNode body, SamplingParams override, ObjectNode extra) {
    body.setAll(config.sampling().toJson());
    if (override != null) {
      body.setAll(override.toJson());
    }
    for (ObjectNode e : new ObjectNode[] {config.extraBody(), extra}) {
      if (e == null) {
        continue;
      }
      for (Map.Entry<String, JsonNode> f : e.properties()) {
        // Extra fields add to the request; they never replace what the role decided to send.
        if (!f.getKey().equals("model")
            && !f.getKey().equals("messages")
            && !f.getKey().equals("prompt")
            && !f.getKey().equals("tools")) {
          body.set(f.getKey(), f.getValue());
        }
      }
    }
  }

  // ---------------------------------------------------------------- transport

  /** POSTs a JSON body to {@code path} under a base URL, retrying transient faults. */
  CompletableFuture<JsonNode> post(String path, ObjectNode body) {
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    attempt(path, bytes, 0, result);
    return result;
  }

  private Endpoint pick() {
    int start = Math.floorMod(roundRobin.getAndIncrement(), endpoints.size());
    Endpoint best = null;
    int bestLoad = Integer.MAX_VALUE;
    for (int i = 0; i < endpoints.size(); i++) {
      Endpoint e = endpoints.get((start + i) % endpoints.size());
      int load = e.limiter.load();
      if (load < bestLoad) {
        best = e;
        bestLoad = load;
      }
    }
    return best;
  }

  private void attempt(
      String path, byte[] body, int attemptNo, CompletableFuture<JsonNode> result) {
    if (result.isDone()) {
      return; // the caller gave up (cancelled): no more attempts
    }
    Endpoint ep = pick();
    ep.limiter.acquire(() -> send(ep, path, body, attemptNo, result));
  }

  private void send(
      Endpoint ep, String path, byte[] body, int attemptNo, CompletableFuture<JsonNode> result) {
    HttpRequest request;
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(ep.baseUrl + path))
              .timeout(Duration.ofMillis(config.requestTimeoutMs()))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (config.apiKeyEnv() != null) {
        String key = env.apply(config.apiKeyEnv());
        if (key == null || key.isBlank()) {
          throw new LlmException(
              "config",
              0,
              false,
              "the environment variable "
                  + config.apiKeyEnv()
                  + " (the endpoint's apiKeyEnv) is not set",
              null);
        }
        b.header("Authorization", "Bearer " + key.strip());
      }
      request = b.build();
    } catch (LlmException e) {
      ep.limiter.release();
      ep.error(e.errorClass());
      result.completeExceptionally(e);
      return;
    } catch (RuntimeException e) {
      ep.limiter.release();
      result.completeExceptionally(e);
      return;
    }
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> sent;
    try {
      sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (RuntimeException e) {
      ep.limiter.release();
      result.completeExceptionally(e);
      return;
    }
    sent.whenComplete(
        (resp, err) -> {
          ep.limiter.release();
          try {
            finish(ep, path, body, attemptNo, result, resp, err, System.nanoTime() - start);
          } catch (RuntimeException | Error e) {
            // Never leave the caller waiting on a future nobody will complete.
            result.completeExceptionally(e);
          }
        });
  }

  private void finish(
      Endpoint ep,
      String path,
      byte[] body,
      int attemptNo,
      CompletableFuture<JsonNode> result,
      HttpResponse<byte[]> resp,
      Throwable err,
      long nanos) {
    Outcome o = classify(ep, resp, err);
    (o.json != null ? ep.ok : ep.timer(o.errorClass)).record(nanos, TimeUnit.NANOSECONDS);
    if (o.json != null) {
      JsonNode usage = o.json.path("usage");
      ep.promptTokens.increment(usage.path("prompt_tokens").asDouble(0));
      ep.completionTokens.increment(usage.path("completion_tokens").asDouble(0));
      result.complete(o.json);
      return;
    }
    ep.error(o.errorClass);
    if (o.retryable && attemptNo < config.maxRetries()) {
      ep.retries.increment();
      long delay = o.retryAfterMs >= 0 ? o.retryAfterMs : backoffMs(attemptNo);
      scheduler.schedule(
          () -> attempt(path, body, attemptNo + 1, result), delay, TimeUnit.MILLISECONDS);
    } else {
      String why = o.retryable ? " (gave up after " + (attemptNo + 1) + " attempts)" : "";
      result.completeExceptionally(
          new LlmException(
              o.errorClass,
              o.status,
              o.retryable,
              "POST " + ep.baseUrl + path + ": " + o.message + why,
              o.cause));
    }
  }

  /** Exponential backoff with equal jitter: half the step fixed, half random, capped. */
  long backoffMs(int attemptNo) {
    long step = config.initialBackoffMs() << Math.min(attemptNo, 20);
    long capped = Math.min(config.maxBackoffMs(), step);
    long half = capped / 2;
    return half + ThreadLocalRandom.current().nextLong(half + 1);
  }

  /** What one attempt came to: a JSON body, or a fault with its class and whether to retry. */
  private static final class Outcome {
    JsonNode json;
    String errorClass;
    boolean retryable;
    int status;
    long retryAfterMs = -1;
    String message;
    Throwable cause;

    static Outcome fault(
        String errorClass, boolean retryable, int status, String message, Throwable cause) {
      Outcome o = new Outcome();
      o.errorClass = errorClass;
      o.retryable = retryable;
      o.status = status;
      o.message = message;
      o.cause = cause;
      return o;
    }
  }

  private Outcome classify(Endpoint ep, HttpResponse<byte[]> resp, Throwable err) {
    if (err != null) {
      Throwable t =
          err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
      if (t instanceof HttpTimeoutException) {
        return Outcome.fault(
            "timeout", true, 0, "no response within " + config.requestTimeoutMs() + " ms", t);
      }
      if (t instanceof ConnectException) {
        return Outcome.fault("connect", true, 0, "cannot connect: " + t.getMessage(), t);
      }
      if (t instanceof IOException) {
        return Outcome.fault("io", true, 0, "connection failed: " + t, t);
      }
      return Outcome.fault("client", false, 0, t.toString(), t);
    }
    int status = resp.statusCode();
    if (status == 200) {
      try {
        JsonNode json = Json.MAPPER.readTree(resp.body());
        if (json == null || !json.path("choices").isArray() || json.path("choices").size() == 0) {
          return Outcome.fault(
              "malformed", true, status, "response has no choices: " + snippet(resp.body()), null);
        }
        Outcome o = new Outcome();
        o.json = json;
        return o;
      } catch (IOException e) {
        return Outcome.fault(
            "malformed", true, status, "response is not JSON: " + snippet(resp.body()), e);
      }
    }
    boolean retryable = status == 429 || status == 408 || status >= 500;
    String cls = status == 429 ? "http_429" : status >= 500 ? "http_5xx" : "http_4xx";
    Outcome o =
        Outcome.fault(cls, retryable, status, "HTTP " + status + ": " + snippet(resp.body()), null);
    if (retryable) {
      o.retryAfterMs = retryAfterMs(resp.headers().firstValue("Retry-After").orElse(null));
    }
    return o;
  }

  /**
   * Milliseconds a Retry-After header asks for (seconds or an HTTP date), or -1 when absent or
   * unreadable.
   */
  static long retryAfterMs(String header) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String h = header.strip();
    try {
      double seconds = Double.parseDouble(h);
      return seconds < 0 ? -1 : Math.min(MAX_RETRY_AFTER_MS, (long) (seconds * 1000));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
        long ms = Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis();
        return Math.max(0, Math.min(MAX_RETRY_AFTER_MS, ms));
      } catch (DateTimeParseException e2) {
        return -1;
      }
    }
  }

  private static String snippet(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8).strip();
    return s.length() <= 300 ? s : s.substring(0, 297) + "...";
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    executor.shutdownNow();
  }
}

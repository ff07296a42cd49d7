package dev.looptool.activities.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.concurrent.DaemonThreads;
import dev.looptool.core.json.Json;
import dev.looptool.core.llm.BreakerSettings;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.OpenAiWire;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
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
import java.util.function.Function;

/**
 * An asynchronous client of OpenAI-compatible servers (vLLM, SGLang, Ollama, hosted APIs) for one
 * model role: chat completions and text completions with log-probabilities, spread over the role's
 * base URLs with bounded concurrency per URL, retried with exponential backoff and jitter on 429,
 * 5xx, connection resets, timeouts and malformed bodies (honouring {@code Retry-After}), and
 * measured in Micrometer. The API key is read from the named environment variable for each request
 * and only ever sent in the Authorization header.
 *
 * <p>Each base URL has a circuit breaker (resilience4j, {@link BreakerSettings}): a replica that
 * refuses connections, times out, fails or answers slowly is taken out of rotation, its requests
 * move to the others, and after a while trial requests decide whether it comes back. While every
 * replica is out, requests wait in the client's queue (no thread held) instead of spending their
 * retry budget: only faults of a replica still deemed healthy count against it.
 *
 * <p>Long on purpose: routing, concurrency limits, breakers, retries and metrics act on the same
 * request and attempt; split apart, each piece would need the others' state.
 */
public final class OpenAiClient implements AutoCloseable {
  /** The longest Retry-After honoured; a server asking for more is waited on this long. */
  static final long MAX_RETRY_AFTER_MS = 300_000;

  static {
    // HttpURLConnection keeps at most 5 idle connections per host by default: at C = 32 the rest
    // would be closed and opened again for every request. And it silently sends a POST a second
    // time when the first one's connection fails; retries are this client's to decide. Both are
    // read once, when the JDK's HTTP classes load, so they are set before the first request
    // unless the JVM was started with them.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "1024");
    }
    if (System.getProperty("sun.net.http.retryPost") == null) {
      System.setProperty("sun.net.http.retryPost", "false");
    }
  }

  private final EndpointConfig config;
  private final String role;
  private final MeterRegistry registry;
  private final Function<String, String> env;
  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final HttpClient http;
  private final List<Endpoint> endpoints = new ArrayList<>();

  /** Guards the queue, the endpoints' in-flight counts and the dispatcher's flags. */
  private final Object lock = new Object();

  /** Requests waiting for a replica with a free slot whose breaker lets them through. */
  private final ArrayDeque<Call> queue = new ArrayDeque<>();

  /** Requests between attempts, waiting out a backoff on the scheduler. */
  private final java.util.Set<Call> backingOff = new java.util.HashSet<>();

  /** Set by {@link #close}: nothing more is sent, and every request held fails. */
  private boolean closed;

  private int roundRobin;
  private boolean dispatching;
  private boolean dispatchAgain;
  private boolean wakeupScheduled;

  /** Since when a wake-up has found every replica out of rotation (System.nanoTime), or -1. */
  private long blockedSince = -1;

  /** One base URL: where to send, its circuit breaker, what is in flight there, its meters. */
  private final class Endpoint {
    final String baseUrl;
    final String host;
    final CircuitBreaker breaker;
    final Counter retries;
    final Counter promptTokens;
    final Counter completionTokens;
    final Timer ok;
    final Map<String, Timer> failed = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<String, Counter> errors = new java.util.concurrent.ConcurrentHashMap<>();

    /** Requests sent and not yet answered; guarded by {@link #lock}. */
    int inFlight;

    Endpoint(String baseUrl) {
      this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
      URI u = URI.create(this.baseUrl);
      this.host =
          u.getHost()
              + ":"
              + (u.getPort() > 0 ? u.getPort() : ("https".equals(u.getScheme()) ? 443 : 80));
      this.breaker = CircuitBreaker.of(this.baseUrl, breakerConfig(config.breaker()));
      this.breaker
          .getEventPublisher()
          .onStateTransition(
              e ->
                  Counter.builder("looptool.llm.breaker.transitions")
                      .description("circuit breaker state changes of a base URL")
                      .tag("endpoint", host)
                      .tag("role", role)
                      .tag("to", e.getStateTransition().getToState().name().toLowerCase())
                      .register(registry)
                      .increment());
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
      errors
          .computeIfAbsent(
              errorClass,
              c ->
                  Counter.builder("looptool.llm.errors")
                      .tag("endpoint", host)
                      .tag("role", role)
                      .tag("class", c)
                      .register(registry))
          .increment();
    }

    URL url(String path) throws java.net.MalformedURLException {
      return URI.create(baseUrl + path).toURL();
    }

    /** Whether the breaker lets requests through freely (not open, not on trial). */
    boolean healthy() {
      return breaker.getState() == CircuitBreaker.State.CLOSED;
    }
  }

  /** One request: its body, its future, and how its attempts went so far. */
  private static final class Call {
    final String path;
    final byte[] body;
    final CompletableFuture<JsonNode> result;

    /** Failed attempts counted against the retry budget (those on a replica deemed healthy). */
    int counted;

    /** The replica the last attempt failed on, tried last for the next one; null at first. */
    Endpoint avoid;

    Call(String path, byte[] body, CompletableFuture<JsonNode> result) {
      this.path = path;
      this.body = body;
      this.result = result;
    }
  }

  static CircuitBreakerConfig breakerConfig(BreakerSettings b) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(b.windowCalls())
        .minimumNumberOfCalls(b.minimumCalls())
        .failureRateThreshold(b.failureRatePercent())
        .slowCallDurationThreshold(Duration.ofMillis(b.slowCallMs()))
        .slowCallRateThreshold(b.slowCallRatePercent())
        .waitDurationInOpenState(Duration.ofMillis(b.openMs()))
        .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
        // The transition to half-open happens when a request asks for a permit after openMs; the
        // client's wake-up tick asks while requests wait, so no timer thread of its own is needed.
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        // Outcomes are recorded explicitly (onSuccess / onError / releasePermission).
        .recordException(t -> true)
        .build();
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
    this.executor = Executors.newCachedThreadPool(DaemonThreads.numbered("looptool-llm-" + role));
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.numbered("looptool-llm-retry-" + role));
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
    return Futures.map(post("/chat/completions", body), OpenAiClient::readChat);
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
      OpenAiWire.putToolCalls(o, m.toolCalls(), "call_");
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
    return Futures.map(post("/completions", body), OpenAiClient::readCompletion);
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
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    Call call = new Call(path, bytes, new CompletableFuture<>());
    boolean refused;
    synchronized (lock) {
      refused = closed;
      if (!refused) {
        queue.addLast(call);
      }
    }
    if (refused) {
      call.result.completeExceptionally(closedFailure(path));
      return call.result;
    }
    dispatch();
    return call.result;
  }

  /**
   * Sends queued requests while some replica has a free slot and a breaker that lets them through.
   * One thread dispatches at a time; a call that arrives meanwhile makes it look again, so no freed
   * slot goes unused and the stack never grows with the queue.
   */
  private void dispatch() {
    synchronized (lock) {
      if (dispatching) {
        dispatchAgain = true;
        return;
      }
      dispatching = true;
    }
    while (true) {
      Call call;
      Endpoint ep;
      synchronized (lock) {
        Call head = queue.peek();
        while (head != null && head.result.isDone()) {
          queue.poll(); // the caller gave up (cancelled): never sent
          head = queue.peek();
        }
        ep = head == null ? null : choose(head.avoid);
        if (ep == null) {
          if (head != null) {
            blocked();
          }
          if (dispatchAgain) {
            dispatchAgain = false;
            continue;
          }
          dispatching = false;
          return;
        }
        call = queue.poll();
        ep.inFlight++;
      }
      send(ep, call);
    }
  }

  /**
   * The replica for the next request: among those with a free slot, fewest in flight first (round
   * robin among equals), the one the request just failed on last, and the first whose breaker
   * grants a permit (open: no; half-open: a trial request while trials are left). Null when none.
   */
  private Endpoint choose(Endpoint avoid) {
    int n = endpoints.size();
    if (n == 1) {
      Endpoint e = endpoints.get(0);
      return e.inFlight < config.maxConcurrency() && e.breaker.tryAcquirePermission() ? e : null;
    }
    int start = Math.floorMod(roundRobin++, n);
    boolean[] tried = new boolean[n];
    for (int round = 0; round < n; round++) {
      int best = -1;
      for (int k = 0; k < n; k++) {
        int i = (start + k) % n;
        Endpoint e = endpoints.get(i);
        if (tried[i] || e.inFlight >= config.maxConcurrency()) {
          continue;
        }
        if (best < 0 || better(e, endpoints.get(best), avoid)) {
          best = i;
        }
      }
      if (best < 0) {
        return null;
      }
      tried[best] = true;
      Endpoint e = endpoints.get(best);
      if (e.breaker.tryAcquirePermission()) {
        return e;
      }
    }
    return null;
  }

  private static boolean better(Endpoint e, Endpoint than, Endpoint avoid) {
    if ((e == avoid) != (than == avoid)) {
      return than == avoid;
    }
    return e.inFlight < than.inFlight;
  }

  /**
   * Requests wait and no replica takes them. When it is the breakers (some replica has a free slot
   * but none lets requests through), a wake-up is scheduled: it asks the breakers again (an open
   * one turns half-open after openMs) and fails the waiting requests once maxWaitMs has passed.
   * Full slots need no wake-up: the next answer dispatches.
   */
  private void blocked() {
    boolean freeSlot = false;
    for (Endpoint e : endpoints) {
      freeSlot |= e.inFlight < config.maxConcurrency();
    }
    if (!freeSlot) {
      return;
    }
    if (!wakeupScheduled && !scheduler.isShutdown()) {
      wakeupScheduled = true;
      long tick = Math.max(20, Math.min(1_000, config.breaker().openMs() / 10));
      scheduler.schedule(this::wakeUp, tick, TimeUnit.MILLISECONDS);
    }
  }

  private void wakeUp() {
    List<Call> expired = new ArrayList<>();
    long waitedMs;
    synchronized (lock) {
      wakeupScheduled = false;
      // The wait is counted while no replica is healthy (open or on trial), trial requests
      // included: a replica that fails every trial does not restart the clock.
      boolean allOut = true;
      for (Endpoint e : endpoints) {
        allOut &= !e.healthy();
      }
      long now = System.nanoTime();
      if (!allOut) {
        blockedSince = -1;
      } else if (blockedSince < 0) {
        blockedSince = now;
      }
      waitedMs = blockedSince < 0 ? 0 : (now - blockedSince) / 1_000_000;
      if (config.breaker().maxWaitMs() > 0 && waitedMs >= config.breaker().maxWaitMs()) {
        expired.addAll(queue);
        queue.clear();
        blockedSince = -1;
      }
    }
    for (Call c : expired) {
      c.result.completeExceptionally(
          new LlmException(
              "unavailable",
              0,
              true,
              "POST "
                  + c.path
                  + ": every base URL of "
                  + config.baseUrls()
                  + " was out of rotation (circuit open) for "
                  + waitedMs
                  + " ms",
              null));
    }
    dispatch();
  }

  /**
   * Hands the request to a thread of the pool, which sends it and waits for its answer. Slots bound
   * the threads busy this way to the requests in flight (C per base URL).
   */
  private void send(Endpoint ep, Call call) {
    try {
      executor.execute(() -> exchange(ep, call));
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      abandon(ep, call, new LlmException("client", 0, false, "the client is closed", closed));
    }
  }

  /**
   * One attempt, blocking this pool thread: a thread per request in flight, woken by the kernel
   * when its own answer arrives and parsing it there. The asynchronous {@code java.net.http} client
   * routes every answer through its one selector thread and then an executor thread; on a host
   * whose CPUs are busy (a training job) each of those hand-offs waits for a CPU, which cost a
   * quarter of the throughput at C = 32 (see docs/backends.md).
   */
  private void exchange(Endpoint ep, Call call) {
    // The thread its answer woke sends the next request itself: a hand-off to another thread is
    // one more wait for a CPU on a busy host.
    while (call != null) {
      attempt(ep, call);
      Endpoint[] chosen = new Endpoint[1];
      call = takeOne(chosen);
      ep = chosen[0];
      dispatch(); // slots freed by other answers meanwhile, if any
    }
  }

  /** The next request and its replica, taken with the replica's slot and permit; null if none. */
  private Call takeOne(Endpoint[] chosen) {
    synchronized (lock) {
      Call head = queue.peek();
      while (head != null && head.result.isDone()) {
        queue.poll();
        head = queue.peek();
      }
      Endpoint ep = head == null ? null : choose(head.avoid);
      if (ep == null) {
        if (head != null) {
          blocked();
        }
        return null;
      }
      queue.poll();
      ep.inFlight++;
      chosen[0] = ep;
      return head;
    }
  }

  private void attempt(Endpoint ep, Call call) {
    HttpURLConnection c = null;
    int status = 0;
    byte[] answer = null;
    String retryAfter = null;
    Throwable err = null;
    long start = System.nanoTime();
    try {
      String key = null;
      if (config.apiKeyEnv() != null) {
        key = env.apply(config.apiKeyEnv());
        if (key == null || key.isBlank()) {
          ep.error("config");
          abandon(
              ep,
              call,
              new LlmException(
                  "config",
                  0,
                  false,
                  "the environment variable "
                      + config.apiKeyEnv()
                      + " (the endpoint's apiKeyEnv) is not set",
                  null));
          return;
        }
      }
      start = System.nanoTime();
      c = (HttpURLConnection) ep.url(call.path).openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeoutMs()));
      // No byte comes before a non-streamed completion is done: the read timeout is the
      // attempt's timeout.
      c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, config.requestTimeoutMs()));
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(call.body.length);
      c.setRequestProperty("Content-Type", "application/json");
      c.setRequestProperty("Accept", "application/json");
      if (key != null) {
        c.setRequestProperty("Authorization", "Bearer " + key.strip());
      }
      try (OutputStream os = c.getOutputStream()) {
        os.write(call.body);
      }
      status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      // Read to the end and close (not disconnect): the connection goes back to the keep-alive
      // cache for the next request.
      answer = in == null ? new byte[0] : in.readAllBytes();
      if (in != null) {
        in.close();
      }
      retryAfter = c.getHeaderField("Retry-After");
    } catch (IOException | RuntimeException e) {
      err = e;
      status = 0;
      if (c != null) {
        c.disconnect();
      }
    }
    try {
      finish(ep, call, status, answer, retryAfter, err, System.nanoTime() - start);
    } catch (RuntimeException | Error e) {
      // Never leave the caller waiting on a future nobody will complete.
      call.result.completeExceptionally(e);
    }
  }

  /** A request that could not even be sent: its permit and slot go back, it fails at once. */
  private void abandon(Endpoint ep, Call call, Exception e) {
    ep.breaker.releasePermission();
    synchronized (lock) {
      ep.inFlight--;
    }
    call.result.completeExceptionally(e);
    // Not inline: the dispatcher may be this very thread, several calls deep.
    try {
      executor.execute(this::dispatch);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // The client is closed: nothing more to send.
    }
  }

  private void finish(
      Endpoint ep,
      Call call,
      int status,
      byte[] answer,
      String retryAfter,
      Throwable err,
      long nanos) {
    Outcome o = classify(status, answer, retryAfter, err);
    if (o.json != null) {
      ep.ok.record(nanos, TimeUnit.NANOSECONDS);
    } else {
      ep.failed.computeIfAbsent(o.errorClass, ep::timer).record(nanos, TimeUnit.NANOSECONDS);
    }
    // The breaker hears how the replica did: answered (a 4xx answer too: it is alive), failed, or
    // neither (a 429 says busy, not broken).
    if (o.json != null || (o.status > 0 && !o.retryable)) {
      ep.breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    } else if (o.health) {
      ep.breaker.onError(nanos, TimeUnit.NANOSECONDS, new IOException(o.errorClass));
    } else {
      ep.breaker.releasePermission();
    }
    synchronized (lock) {
      ep.inFlight--;
    }
    if (o.json != null) {
      JsonNode usage = o.json.path("usage");
      ep.promptTokens.increment(usage.path("prompt_tokens").asDouble(0));
      ep.completionTokens.increment(usage.path("completion_tokens").asDouble(0));
      call.result.complete(o.json);
      return;
    }
    ep.error(o.errorClass);
    // A fault of a replica now out of rotation is that replica's, not the request's: the request
    // moves on (or waits for a replica) without spending its retry budget.
    boolean replicaOut = o.health && !ep.healthy();
    if (o.retryable && (replicaOut || call.counted < config.maxRetries())) {
      ep.retries.increment();
      long delay;
      if (replicaOut) {
        delay = 0;
      } else {
        delay =
            o.retryAfterMs >= 0
                ? o.retryAfterMs
                : o.health && anotherHealthy(ep) ? 0 : backoffMs(call.counted);
        call.counted++;
      }
      call.avoid = ep;
      if (delay == 0) {
        requeue(call);
      } else {
        synchronized (lock) {
          backingOff.add(call);
        }
        try {
          scheduler.schedule(() -> requeue(call), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
          requeue(call);
        }
      }
    } else {
      String why = o.retryable ? " (gave up after " + (call.counted + 1) + " attempts)" : "";
      call.result.completeExceptionally(
          new LlmException(
              o.errorClass,
              o.status,
              o.retryable,
              "POST " + ep.baseUrl + call.path + ": " + o.message + why,
              o.cause));
    }
  }

  private boolean anotherHealthy(Endpoint ep) {
    for (Endpoint e : endpoints) {
      if (e != ep && e.healthy()) {
        return true;
      }
    }
    return false;
  }

  /** A retried request goes first: it is the oldest, and its stage's chunk waits for it. */
  private void requeue(Call call) {
    boolean refused;
    synchronized (lock) {
      backingOff.remove(call);
      refused = closed;
      if (!refused) {
        queue.addFirst(call);
      }
    }
    if (refused) {
      call.result.completeExceptionally(closedFailure(call.path));
      return;
    }
    dispatch();
  }

  private static LlmException closedFailure(String path) {
    return new LlmException(
        "closed", 0, true, "POST " + path + ": the client was closed before an answer came", null);
  }

  /** Exponential backoff with equal jitter: half the step fixed, half random, capped. */
  long backoffMs(int attemptNo) {
    long step = config.initialBackoffMs() << Math.min(attemptNo, 20);
    long capped = Math.min(config.maxBackoffMs(), step);
    long half = capped / 2;
    return half + ThreadLocalRandom.current().nextLong(half + 1);
  }

  /**
   * Each base URL's breaker state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), in the order
   * of the configuration.
   */
  public Map<String, String> breakerStates() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Endpoint e : endpoints) {
      out.put(e.baseUrl, e.breaker.getState().name());
    }
    return out;
  }

  /** Requests waiting for a replica (not yet sent, or between attempts on the queue). */
  public int waiting() {
    synchronized (lock) {
      return queue.size();
    }
  }

  /**
   * What one attempt came to: a JSON body, or a fault with its class, whether to retry, and whether
   * it speaks of the replica's health (connection, timeout, 5xx, malformed body).
   */
  private static final class Outcome {
    JsonNode json;
    String errorClass;
    boolean retryable;
    boolean health;
    int status;
    long retryAfterMs = -1;
    String message;
    Throwable cause;

    static Outcome fault(
        String errorClass, boolean retryable, int status, String message, Throwable cause) {
      Outcome o = new Outcome();
      o.errorClass = errorClass;
      o.retryable = retryable;
      o.health = retryable && status != 429;
      o.status = status;
      o.message = message;
      o.cause = cause;
      return o;
    }
  }

  private Outcome classify(int status, byte[] body, String retryAfter, Throwable err) {
    if (err != null) {
      Throwable t =
          err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
      if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
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
    if (status == 200) {
      try {
        JsonNode json = Json.MAPPER.readTree(body);
        if (json == null || !json.path("choices").isArray() || json.path("choices").size() == 0) {
          return Outcome.fault(
              "malformed", true, status, "response has no choices: " + snippet(body), null);
        }
        Outcome o = new Outcome();
        o.json = json;
        return o;
      } catch (IOException e) {
        return Outcome.fault(
            "malformed", true, status, "response is not JSON: " + snippet(body), e);
      }
    }
    boolean retryable = status == 429 || status == 408 || status >= 500;
    String cls = status == 429 ? "http_429" : status >= 500 ? "http_5xx" : "http_4xx";
    Outcome o =
        Outcome.fault(cls, retryable, status, "HTTP " + status + ": " + snippet(body), null);
    if (retryable) {
      o.retryAfterMs = retryAfterMs(retryAfter);
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

  /**
   * Stops sending. Every request not yet answered fails (retryable, class {@code closed}): those
   * waiting for a replica or a backoff at once, those on the wire when their attempt ends. A caller
   * never waits on a request nobody will send.
   */
  @Override
  public void close() {
    List<Call> held;
    synchronized (lock) {
      closed = true;
      held = new ArrayList<>(queue);
      held.addAll(backingOff);
      queue.clear();
      backingOff.clear();
    }
    scheduler.shutdownNow();
    executor.shutdownNow();
    for (Call c : held) {
      c.result.completeExceptionally(closedFailure(c.path));
    }
  }
}

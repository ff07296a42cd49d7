package dev.looptool.activities.llm.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.looptool.core.concurrent.DaemonThreads;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.json.Json;
import dev.looptool.core.llm.OpenAiWire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An OpenAI-compatible server on 127.0.0.1 (real HTTP, JDK HttpServer, ephemeral port) for tests,
 * benchmarks and trying looptool without a model: {@code /v1/chat/completions}, {@code
 * /v1/completions} (with log-probabilities) and {@code /v1/models}, answered by {@link FakeModel}
 * unless a test scripts the answers; when a chat request offers tools, Hermes call blocks in the
 * answer come back as native {@code tool_calls}, as vLLM's tool parser does. It simulates a serving
 * engine's latency and concurrency limit (requests beyond it get 429 with Retry-After) and injects
 * faults at seeded rates: 500s, 429s with Retry-After, stalls past the client's timeout, and
 * malformed bodies. A test can also make it behave like a failing replica: {@link #refuse} (it
 * stops listening and drops its connections: connection refused), {@link #hang} (requests get no
 * answer), {@link #slow} (extra latency), and {@link #resume} to serve normally again on the same
 * port.
 *
 * <p>Long on purpose: every endpoint and fault a test may ask of a model server, in one stand-in.
 */
public final class FakeOpenAiServer implements AutoCloseable {

  /** Fault rates (each a probability per request) and their parameters. */
  public record Faults(
      double error500,
      double rateLimited,
      int retryAfterSeconds,
      double stall,
      long stallMillis,
      double malformed,
      long seed) {
    public static Faults none() {
      return new Faults(0, 0, 1, 0, 0, 0, 1);
    }

    double total() {
      return error500 + rateLimited + stall + malformed;
    }
  }

  /** Latency per request, the concurrency limit (0: none) and the faults. */
  public record Options(long latencyMillis, int concurrencyLimit, Faults faults) {
    public static Options fast() {
      return new Options(0, 0, Faults.none());
    }
  }

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
    // and delayed ACKs add ~40 ms to every response, which would swamp the simulated latency.
    // Read once, when the JDK's server classes load, so it must be set before the first server.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private volatile HttpServer server;
  private final int port;
  private final ExecutorService executor;
  private final Options options;
  private final Random random;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final Map<String, AtomicLong> faults = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
  private volatile Function<JsonNode, String> chatResponder = FakeModel::chat;
  private volatile Function<String, FakeModel.FakeCompletion> completionResponder =
      FakeModel::complete;
  private volatile String lastBody = "";
  private volatile long extraLatencyMillis;
  private final AtomicLong deliveredNanos = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();

  /** Guards the replica mode: hanging (requests held), refusing (not listening), closed. */
  private final Object mode = new Object();

  private boolean hanging;
  private boolean refusing;
  private boolean closed;

  private volatile Map<String, String> models = Map.of("fake", "");

  private FakeOpenAiServer(Options options, int port) throws IOException {
    this.options = options;
    this.random = new Random(options.faults().seed());
    this.executor = Executors.newCachedThreadPool(DaemonThreads.numbered("fake-openai"));
    this.server = bind(port);
    this.port = server.getAddress().getPort();
  }

  private HttpServer bind(int port) throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    s.setExecutor(executor);
    s.createContext("/v1/chat/completions", ex -> handle(ex, true));
    s.createContext("/v1/completions", ex -> handle(ex, false));
    s.createContext("/v1/models", this::models);
    s.start();
    return s;
  }

  /**
   * Dies as a killed replica does: stops listening (new connections are refused) and drops every
   * open connection, requests in progress included, without an answer.
   */
  public void refuse() {
    synchronized (mode) {
      if (refusing || closed) {
        return;
      }
      refusing = true;
      mode.notifyAll();
    }
    server.stop(0);
  }

  /**
   * Serves normally again: listening on the same port after {@link #refuse}, answering after {@link
   * #hang}, without the extra latency of {@link #slow}.
   */
  public void resume() throws IOException {
    synchronized (mode) {
      extraLatencyMillis = 0;
      hanging = false;
      mode.notifyAll();
      if (refusing && !closed) {
        server = bind(port);
        refusing = false;
      }
    }
  }

  /**
   * Hangs as a wedged replica does: connections are accepted and requests read, but none is
   * answered (the client's per-request timeout must end them); a held request's connection is
   * dropped, unanswered, when the hang ends.
   */
  public void hang() {
    synchronized (mode) {
      hanging = true;
    }
  }

  /** Answers every request {@code extraMillis} later than the configured latency. */
  public void slow(long extraMillis) {
    extraLatencyMillis = Math.max(0, extraMillis);
  }

  /**
   * The mean time from a request's arrival at its handler to its answer having been written, over
   * the answered requests: the latency this server actually delivered (its latency plus its own
   * work and any wait for a CPU), in milliseconds; NaN before the first answer.
   */
  public double deliveredLatencyMillis() {
    long n = delivered.get();
    return n == 0 ? Double.NaN : deliveredNanos.get() / 1e6 / n;
  }

  /** Holds a request while the server hangs; true when it was held (and must not be answered). */
  private boolean heldByHang() {
    synchronized (mode) {
      if (!hanging) {
        return false;
      }
      count("hang");
      while (hanging && !refusing && !closed) {
        try {
          mode.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return true;
        }
      }
      return true;
    }
  }

  public static FakeOpenAiServer start(Options options) throws IOException {
    return new FakeOpenAiServer(options, 0);
  }

  /** On a given port (0: an ephemeral one), as a model server started per checkpoint is. */
  public static FakeOpenAiServer start(Options options, int port) throws IOException {
    return new FakeOpenAiServer(options, port);
  }

  /**
   * What {@code /v1/models} lists: model id → {@code root} (the path it was loaded from; empty: no
   * root field). Initially one model, {@code fake}, without a root.
   */
  public void listModels(Map<String, String> idToRoot) {
    this.models = new java.util.LinkedHashMap<>(idToRoot);
  }

  /** The base URL clients use: {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/v1";
  }

  /** Scripts the chat answers (request body → assistant content). */
  public void onChat(Function<JsonNode, String> responder) {
    this.chatResponder = responder;
  }

  /** Scripts the completion answers (prompt → text, tokens, log-probabilities). */
  public void onCompletion(Function<String, FakeModel.FakeCompletion> responder) {
    this.completionResponder = responder;
  }

  /** Requests received, faulty ones included. */
  public long requests() {
    return requests.get();
  }

  /** Requests answered with a well-formed completion. */
  public long answered() {
    return answered.get();
  }

  /**
   * Faults injected by kind ({@code 500}, {@code 429}, {@code stall}, {@code malformed}, {@code
   * over-limit}, {@code hang}).
   */
  public Map<String, Long> faults() {
    Map<String, Long> out = new java.util.TreeMap<>();
    faults.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** Every Authorization header received (tests check the key travels there and only there). */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** Arrival times (System.nanoTime) of every request, in arrival order. */
  public List<Long> arrivals() {
    return List.copyOf(arrivals);
  }

  public String lastBody() {
    return lastBody;
  }

  private void count(String fault) {
    faults.computeIfAbsent(fault, k -> new AtomicLong()).incrementAndGet();
  }

  private synchronized double draw() {
    return random.nextDouble();
  }

  private void handle(HttpExchange ex, boolean chat) {
    try (ex) {
      try {
        answer(ex, chat);
      } catch (RuntimeException | Error e) {
        // A scripted responder failed (in tests: an assertion): answer 400, which clients do not
        // retry, so the failure surfaces at once instead of as a hung or retried request.
        count("responder-error");
        send(ex, 400, error("the fake model failed: " + e), null);
      }
    } catch (IOException e) {
      // The client hung up (e.g. after its timeout): nothing left to answer.
    }
  }

  private void answer(HttpExchange ex, boolean chat) throws IOException {
    long arrived = System.nanoTime();
    arrivals.add(arrived);
    requests.incrementAndGet();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null) {
      authorizations.add(auth);
    }
    byte[] raw;
    try (InputStream in = ex.getRequestBody()) {
      raw = in.readAllBytes();
    }
    String text = new String(raw, StandardCharsets.UTF_8);
    lastBody = text;
    if (!"POST".equals(ex.getRequestMethod())) {
      send(ex, 405, error("use POST"), null);
      return;
    }
    JsonNode body;
    try {
      body = Json.parse(text);
    } catch (IOException e) {
      send(ex, 400, error("body is not JSON: " + e.getMessage()), null);
      return;
    }
    if (heldByHang()) {
      return; // the exchange is closed unanswered: the client sees its connection dropped
    }
    int now = inFlight.incrementAndGet();
    if (options.concurrencyLimit() > 0 && now > options.concurrencyLimit()) {
      inFlight.decrementAndGet();
      count("over-limit");
      send(
          ex,
          429,
          error("too many requests in flight"),
          String.valueOf(options.faults().retryAfterSeconds()));
      return;
    }
    maxInFlight.accumulateAndGet(now, Math::max);
    boolean released = false;
    try {
      Faults f = options.faults();
      double u = f.total() > 0 ? draw() : 1.0;
      if (u < f.error500()) {
        released = release();
        count("500");
        send(ex, 500, error("injected internal error"), null);
        return;
      }
      u -= f.error500();
      if (u < f.rateLimited()) {
        released = release();
        count("429");
        send(ex, 429, error("injected rate limit"), String.valueOf(f.retryAfterSeconds()));
        return;
      }
      u -= f.rateLimited();
      if (u < f.stall()) {
        // A stalled request holds no engine slot: the client gives up on it and retries.
        released = release();
        count("stall");
        sleep(f.stallMillis());
        send(ex, 500, error("stalled"), null);
        return;
      }
      u -= f.stall();
      boolean malformed = u < f.malformed();
      sleep(options.latencyMillis() + extraLatencyMillis);
      byte[] out =
          malformed
              ? malformedBody()
              : Json.MAPPER.writeValueAsBytes(chat ? chatBody(body) : completionBody(body));
      released = release();
      if (malformed) {
        count("malformed");
      }
      if (!malformed) {
        answered.incrementAndGet();
      }
      try {
        send(ex, 200, out, null);
      } catch (IOException dropped) {
        if (!malformed) {
          // Its connection was dropped (refuse): the answer never arrived.
          answered.decrementAndGet();
        }
        throw dropped;
      }
      if (!malformed) {
        deliveredNanos.addAndGet(System.nanoTime() - arrived);
        delivered.incrementAndGet();
      }
    } finally {
      if (!released) {
        release();
      }
    }
  }

  private boolean release() {
    inFlight.decrementAndGet();
    return true;
  }

  private byte[] malformedBody() {
    switch ((int) (draw() * 3)) {
      case 0:
        return "{\"id\": \"cmpl-1\", \"choices\": [{\"message\": {\"content\": \"A_WR"
            .getBytes(StandardCharsets.UTF_8);
      case 1:
        return "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
      default:
        return "{\"id\": \"cmpl-1\", \"choices\": []}".getBytes(StandardCharsets.UTF_8);
    }
  }

  private ObjectNode chatBody(JsonNode req) {
    String content = chatResponder.apply(req);
    ObjectNode o = Json.object();
    o.put("id", "chatcmpl-fake");
    o.put("object", "chat.completion");
    o.put("model", req.path("model").asText(""));
    ArrayNode choices = o.putArray("choices");
    ObjectNode c = choices.addObject();
    c.put("index", 0);
    ObjectNode msg = c.putObject("message");
    msg.put("role", "assistant");
    ParsedOutput calls =
        req.path("tools").isArray() && req.path("tools").size() > 0
            ? HermesFormat.parse(content)
            : null;
    if (calls != null && calls.parsed() && !calls.calls().isEmpty()) {
      // Like vLLM with a Hermes tool parser: calls in the text come back as native tool_calls.
      msg.put("content", calls.text().isEmpty() ? null : calls.text());
      OpenAiWire.putToolCalls(msg, calls.calls(), "call_");
      c.put("finish_reason", "tool_calls");
    } else {
      msg.put("content", content);
      c.put("finish_reason", "stop");
    }
    if (req.path("logprobs").asBoolean(false)) {
      // Like the OpenAI API: one entry per generated token, here the whole answer in 4-character
      // tokens (tool calls included, as a server's tokens cover the call text too).
      FakeModel.FakeCompletion fc = FakeModel.FakeCompletion.of(content);
      ArrayNode lp = c.putObject("logprobs").putArray("content");
      for (int i = 0; i < fc.tokens().size(); i++) {
        ObjectNode t = lp.addObject();
        t.put("token", fc.tokens().get(i));
        t.put("logprob", fc.logprobs().get(i));
        t.putArray("top_logprobs");
      }
    }
    usage(o, req.toString().length() / 4, content.length() / 4);
    return o;
  }

  private ObjectNode completionBody(JsonNode req) {
    FakeModel.FakeCompletion fc = completionResponder.apply(req.path("prompt").asText(""));
    ObjectNode o = Json.object();
    o.put("id", "cmpl-fake");
    o.put("object", "text_completion");
    o.put("model", req.path("model").asText(""));
    ObjectNode c = o.putArray("choices").addObject();
    c.put("index", 0);
    c.put("text", fc.text());
    if (req.path("logprobs").asInt(0) > 0) {
      ObjectNode lp = c.putObject("logprobs");
      ArrayNode toks = lp.putArray("tokens");
      fc.tokens().forEach(toks::add);
      ArrayNode lps = lp.putArray("token_logprobs");
      fc.logprobs().forEach(lps::add);
    }
    c.put("finish_reason", "stop");
    usage(o, req.path("prompt").asText("").length() / 4, fc.tokens().size());
    return o;
  }

  private static void usage(ObjectNode o, int prompt, int completion) {
    ObjectNode u = o.putObject("usage");
    u.put("prompt_tokens", prompt);
    u.put("completion_tokens", completion);
    u.put("total_tokens", prompt + completion);
  }

  private void models(HttpExchange ex) throws IOException {
    try (ex) {
      ObjectNode o = Json.object();
      o.put("object", "list");
      ArrayNode data = o.putArray("data");
      models.forEach(
          (id, root) -> {
            ObjectNode m = data.addObject().put("id", id).put("object", "model");
            if (!root.isEmpty()) {
              m.put("root", root);
            }
          });
      send(ex, 200, Json.MAPPER.writeValueAsBytes(o), null);
    }
  }

  private static byte[] error(String message) {
    ObjectNode o = Json.object();
    o.putObject("error").put("message", message);
    return Json.compact(o).getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange ex, int status, byte[] body, String retryAfter)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter != null) {
      ex.getResponseHeaders().set("Retry-After", retryAfter);
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static void sleep(long ms) {
    if (ms <= 0) {
      return;
    }
    try {
      TimeUnit.MILLISECONDS.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    boolean listening;
    synchronized (mode) {
      listening = !refusing && !closed;
      closed = true;
      mode.notifyAll();
    }
    if (listening) {
      server.stop(0);
    }
    executor.shutdownNow();
  }
}

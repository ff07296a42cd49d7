package dev.looptool.policy.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.looptool.core.concurrent.DaemonThreads;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.HermesPrompt;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.llm.OpenAiWire;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.policy.PolicyModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves a built-in checkpoint behind the OpenAI endpoints a real model stands behind (as vLLM
 * does): {@code GET /v1/models} (the checkpoint directory in {@code root}), {@code POST
 * /v1/completions} for Hermes text prompts (as {@link HermesFormat#prompt} renders them; they are
 * parsed back to the tools and messages, since the model reads samples through its own compact
 * format) and {@code POST /v1/chat/completions} with messages and tools, Hermes calls in the answer
 * returned as native {@code tool_calls}. Concurrent requests are decoded in batches by one thread
 * that owns the model. Greedy answers are those {@link PolicyModel#probe} gives.
 *
 * <p>Long on purpose: the three endpoints' request checks and response shapes stay in one file, so
 * that what vLLM answers and what this server answers are compared in one place.
 */
public final class ModelServer implements AutoCloseable {
  /** Where to listen, the model name clients use, and the most requests decoded together. */
  public record Options(String servedName, String host, int port, int maxBatch) {}

  private static final int MAX_TOP_LOGPROBS = 20;

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final PolicyModel model;
  private final String name;
  private final Path root;
  private final String host;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Dispatcher dispatcher;
  private final AtomicLong ids = new AtomicLong();
  private boolean closed;

  private ModelServer(PolicyModel model, Options o) throws IOException {
    this.model = model;
    this.name = o.servedName();
    this.root = model.checkpoint().toAbsolutePath().normalize();
    this.host = o.host();
    this.server = HttpServer.create(new InetSocketAddress(o.host(), o.port()), 1024);
    this.dispatcher = new Dispatcher(model, o.maxBatch());
    this.executor = Executors.newCachedThreadPool(DaemonThreads.numbered("looptool-serve-http"));
    server.setExecutor(executor);
    server.createContext("/v1/models", ex -> handle(ex, "GET", this::models));
    server.createContext("/v1/completions", ex -> handle(ex, "POST", this::completions));
    server.createContext("/v1/chat/completions", ex -> handle(ex, "POST", this::chat));
    server.createContext(
        "/",
        ex ->
            handle(
                ex,
                null,
                b -> {
                  throw notFound("no route " + ex.getRequestURI().getPath());
                }));
    server.start();
  }

  /** Starts serving {@code model}, which the server owns from now on ({@link #close} closes it). */
  public static ModelServer start(PolicyModel model, Options options) throws IOException {
    try {
      return new ModelServer(model, options);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** {@code http://HOST:PORT/v1}, with the port actually bound. */
  public String baseUrl() {
    return "http://" + host + ":" + port() + "/v1";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String servedName() {
    return name;
  }

  /** The absolute checkpoint directory served, reported as the model's {@code root}. */
  public Path root() {
    return root;
  }

  /** Batches decoded so far, and the largest one (tests check concurrent requests met). */
  public long batches() {
    return dispatcher.batches();
  }

  public long largestBatch() {
    return dispatcher.largestBatch();
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  // ---------------------------------------------------------------- endpoints

  /** A request failure with its HTTP status and OpenAI error type. */
  static final class ApiError extends Exception {
    final int status;
    final String type;

    ApiError(int status, String type, String message) {
      super(message);
      this.status = status;
      this.type = type;
    }
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "BadRequestError", message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "NotFoundError", message);
  }

  @FunctionalInterface
  private interface Endpoint {
    ObjectNode answer(JsonNode body) throws ApiError;
  }

  private void handle(HttpExchange ex, String method, Endpoint endpoint) {
    try (ex) {
      int status = 200;
      ObjectNode out;
      try {
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
          raw = in.readAllBytes();
        }
        if (method != null && !method.equals(ex.getRequestMethod())) {
          throw new ApiError(405, "MethodNotAllowed", "use " + method);
        }
        JsonNode body = Json.object();
        if (raw.length > 0 && "POST".equals(method)) {
          try {
            body = Json.parse(new String(raw, StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw badRequest("the body is not JSON: " + e.getMessage());
          }
          if (body == null || !body.isObject()) {
            throw badRequest("the body must be a JSON object");
          }
        }
        out = endpoint.answer(body);
      } catch (ApiError e) {
        status = e.status;
        out = error(e.getMessage(), e.type, e.status);
      } catch (RuntimeException e) {
        status = 500;
        out = error("internal error: " + e, "InternalServerError", 500);
      }
      send(ex, status, out);
    } catch (IOException e) {
      // The client hung up: nothing left to answer.
    }
  }

  private ObjectNode models(JsonNode ignored) {
    ObjectNode o = Json.object();
    o.put("object", "list");
    ObjectNode m = o.putArray("data").addObject();
    m.put("id", name);
    m.put("object", "model");
    m.put("owned_by", "looptool");
    m.put("root", root.toString());
    m.put("max_model_len", model.decoder().config().maxSeq());
    return o;
  }

  private void checkModel(JsonNode body) throws ApiError {
    JsonNode m = body.get("model");
    if (m != null && !m.isNull() && !name.equals(m.asText())) {
      throw notFound("The model `" + m.asText() + "` does not exist.");
    }
    if (body.path("stream").asBoolean(false)) {
      throw badRequest("stream is not supported");
    }
    if (body.has("n") && !body.get("n").isNull() && body.get("n").asInt() != 1) {
      throw badRequest("n must be 1");
    }
  }

  private ObjectNode completions(JsonNode body) throws ApiError {
    checkModel(body);
    if (body.path("echo").asBoolean(false)) {
      throw badRequest("echo is not supported");
    }
    JsonNode p = body.get("prompt");
    List<String> prompts = new ArrayList<>();
    if (p != null && p.isTextual()) {
      prompts.add(p.textValue());
    } else if (p != null && p.isArray() && p.size() > 0) {
      for (int i = 0; i < p.size(); i++) {
        if (!p.get(i).isTextual()) {
          throw badRequest("prompt[" + i + "] must be a string (token ids are not accepted)");
        }
        prompts.add(p.get(i).textValue());
      }
    } else {
      throw badRequest("prompt is required: a string (or a list of strings)");
    }
    JsonNode lp = body.get("logprobs");
    int logprobs = -1;
    if (lp != null && !lp.isNull()) {
      if (!lp.isIntegralNumber() || lp.intValue() < 0 || lp.intValue() > MAX_TOP_LOGPROBS) {
        throw badRequest("logprobs must be an integer from 0 to " + MAX_TOP_LOGPROBS);
      }
      logprobs = lp.intValue();
    }
    Decoding d = decoding(body, Math.max(logprobs, 0), "max_tokens");
    List<CompletableFuture<Generation>> futures = new ArrayList<>();
    for (int i = 0; i < prompts.size(); i++) {
      HermesPrompt.Conversation c;
      try {
        c = HermesPrompt.parse(prompts.get(i));
      } catch (FormatException e) {
        throw badRequest(
            (prompts.size() > 1 ? "prompt[" + i + "]" : "prompt")
                + " is not a Hermes prompt this server can read back into tools and messages: "
                + e.getMessage());
      }
      futures.add(dispatcher.submit(c.tools(), c.messages(), d));
    }
    ObjectNode o = Json.object();
    o.put("id", "cmpl-" + ids.incrementAndGet());
    o.put("object", "text_completion");
    o.put("created", System.currentTimeMillis() / 1000);
    o.put("model", name);
    ArrayNode choices = o.putArray("choices");
    int promptTokens = 0;
    int completionTokens = 0;
    for (int i = 0; i < futures.size(); i++) {
      Generation g = await(futures.get(i));
      ObjectNode c = choices.addObject();
      c.put("index", i);
      c.put("text", g.text());
      if (logprobs >= 0) {
        ObjectNode l = c.putObject("logprobs");
        ArrayNode toks = l.putArray("tokens");
        ArrayNode lps = l.putArray("token_logprobs");
        ArrayNode offs = l.putArray("text_offset");
        ArrayNode top = logprobs > 0 ? l.putArray("top_logprobs") : null;
        for (Generation.Token t : g.tokens()) {
          toks.add(t.text());
          lps.add(t.logProb());
          offs.add(t.offset());
          if (top != null) {
            ObjectNode alts = top.addObject();
            for (Generation.Alternative a : t.top()) {
              alts.put(a.token(), a.logProb());
            }
          }
        }
        if (top == null) {
          l.putNull("top_logprobs");
        }
      } else {
        c.putNull("logprobs");
      }
      c.put("finish_reason", g.finishReason());
      promptTokens += g.promptTokens();
      completionTokens += g.tokens().size();
    }
    usage(o, promptTokens, completionTokens);
    return o;
  }

  private ObjectNode chat(JsonNode body) throws ApiError {
    checkModel(body);
    List<ToolSpec> tools;
    List<Message> messages = new ArrayList<>();
    try {
      tools = SampleJson.readTools(body.get("tools"), "tools");
      JsonNode ms = body.get("messages");
      if (ms == null || !ms.isArray() || ms.isEmpty()) {
        throw badRequest("messages is required: a non-empty list of chat messages");
      }
      for (int i = 0; i < ms.size(); i++) {
        messages.add(SampleJson.readMessage(ms.get(i), "messages[" + i + "]"));
      }
    } catch (FormatException e) {
      throw badRequest(e.field() + ": " + e.getMessage());
    }
    boolean logprobs = body.path("logprobs").asBoolean(false);
    int top = body.path("top_logprobs").asInt(0);
    if (top < 0 || top > MAX_TOP_LOGPROBS) {
      throw badRequest("top_logprobs must be from 0 to " + MAX_TOP_LOGPROBS);
    }
    String budgetKey =
        body.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
    Decoding d = decoding(body, logprobs ? top : 0, budgetKey);
    Generation g = await(dispatcher.submit(tools, messages, d));
    ObjectNode o = Json.object();
    o.put("id", "chatcmpl-" + ids.incrementAndGet());
    o.put("object", "chat.completion");
    o.put("created", System.currentTimeMillis() / 1000);
    o.put("model", name);
    ObjectNode c = o.putArray("choices").addObject();
    c.put("index", 0);
    ObjectNode msg = c.putObject("message");
    msg.put("role", "assistant");
    ParsedOutput parsed = tools.isEmpty() ? null : HermesFormat.parse(g.text());
    String reason = g.finishReason();
    if (parsed != null && parsed.parsed() && !parsed.calls().isEmpty()) {
      // Like vLLM's Hermes tool parser: call blocks become native tool_calls, the rest content.
      msg.put("content", parsed.text().isEmpty() ? null : parsed.text());
      String completion = o.get("id").asText().substring("chatcmpl-".length());
      OpenAiWire.putToolCalls(msg, parsed.calls(), "call_" + completion + "_");
      if ("stop".equals(reason)) {
        reason = "tool_calls";
      }
    } else {
      msg.put("content", g.text());
    }
    if (logprobs) {
      ArrayNode content = c.putObject("logprobs").putArray("content");
      for (Generation.Token t : g.tokens()) {
        ObjectNode e = content.addObject();
        e.put("token", t.text());
        e.put("logprob", t.logProb());
        ArrayNode alts = e.putArray("top_logprobs");
        for (Generation.Alternative a : t.top()) {
          alts.addObject().put("token", a.token()).put("logprob", a.logProb());
        }
      }
    } else {
      c.putNull("logprobs");
    }
    c.put("finish_reason", reason);
    usage(o, g.promptTokens(), g.tokens().size());
    return o;
  }

  /** The sampling fields of a request, checked. */
  private static Decoding decoding(JsonNode body, int topK, String budgetKey) throws ApiError {
    Integer maxTokens = null;
    JsonNode mt = body.get(budgetKey);
    if (mt != null && !mt.isNull()) {
      if (!mt.isIntegralNumber() || mt.intValue() < 1) {
        throw badRequest(budgetKey + " must be a positive integer");
      }
      maxTokens = mt.intValue();
    }
    // OpenAI and vLLM sample at temperature 1 unless told otherwise.
    double temperature = number(body, "temperature", 1.0);
    if (temperature < 0) {
      throw badRequest("temperature must be at least 0");
    }
    double topP = number(body, "top_p", 1.0);
    if (!(topP > 0 && topP <= 1)) {
      throw badRequest("top_p must be in (0, 1]");
    }
    Long seed = null;
    JsonNode s = body.get("seed");
    if (s != null && !s.isNull()) {
      if (!s.isIntegralNumber()) {
        throw badRequest("seed must be an integer");
      }
      seed = s.longValue();
    }
    List<String> stop = new ArrayList<>();
    JsonNode st = body.get("stop");
    if (st != null && st.isTextual()) {
      stop.add(st.textValue());
    } else if (st != null && st.isArray()) {
      for (JsonNode x : st) {
        if (!x.isTextual()) {
          throw badRequest("stop must be a string or a list of strings");
        }
        stop.add(x.textValue());
      }
    } else if (st != null && !st.isNull()) {
      throw badRequest("stop must be a string or a list of strings");
    }
    return new Decoding(maxTokens, temperature, topP, seed, stop, topK);
  }

  private static double number(JsonNode body, String key, double dflt) throws ApiError {
    JsonNode v = body.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isNumber()) {
      throw badRequest(key + " must be a number");
    }
    return v.doubleValue();
  }

  private static Generation await(CompletableFuture<Generation> f) throws ApiError {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "ServiceUnavailableError", "interrupted");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof BadInputException) {
        throw badRequest(c.getMessage());
      }
      if (c instanceof IllegalStateException) {
        throw new ApiError(503, "ServiceUnavailableError", c.getMessage());
      }
      throw new ApiError(500, "InternalServerError", "decoding failed: " + c);
    }
  }

  private static void usage(ObjectNode o, int prompt, int completion) {
    ObjectNode u = o.putObject("usage");
    u.put("prompt_tokens", prompt);
    u.put("completion_tokens", completion);
    u.put("total_tokens", prompt + completion);
  }

  private static ObjectNode error(String message, String type, int code) {
    ObjectNode o = Json.object();
    ObjectNode e = o.putObject("error");
    e.put("message", message);
    e.put("type", type);
    e.putNull("param");
    e.put("code", code);
    return o;
  }

  private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
    byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Stops: requests being decoded finish, queued ones get 503, then the listener and the model
   * close. Safe to call more than once (a shutdown hook and a try-with-resources may both).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    dispatcher.close();
    server.stop(1);
    executor.shutdownNow();
    model.close();
  }
}

package dev.looptool.policy.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.policy.ProbeResult;
import dev.looptool.core.testing.Fixtures;
import dev.looptool.policy.PolicyConfig;
import dev.looptool.policy.PolicyModel;
import dev.looptool.policy.PolicyTrainer;
import dev.looptool.policy.model.DecoderConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server over real HTTP on 127.0.0.1 against a tiny checkpoint: greedy completions of Hermes
 * prompts give exactly what probing gives, concurrent requests are decoded in batches, chat answers
 * carry native tool calls, and bad requests get OpenAI-shaped errors.
 */
class ModelServerTest {
  static final ToolSpec ALARM = Fixtures.alarmTool();
  static final ToolSpec WEATHER = Fixtures.cityWeatherTool("Current weather in a city");

  @TempDir static Path tmp;
  static Path checkpoint;
  static ModelServer server;
  static final HttpClient http = HttpClient.newHttpClient();

  /** Requests that all want the same call, so a short training run learns to emit it. */
  static List<Sample> training() {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      out.add(
          new Sample(
              "t" + i,
              List.of(ALARM, WEATHER),
              List.of(Message.user("wake me at 7 " + "please".substring(0, i % 6))),
              Label.ofCalls(List.of(ToolCall.of("set_alarm", Json.object().put("hour", 7)))),
              null,
              null));
    }
    return out;
  }

  /** Single-turn, system-led and multi-turn samples with tool results (one parallel pair). */
  static List<Sample> probes() {
    List<ToolSpec> tools = List.of(ALARM, WEATHER);
    ToolCall w = ToolCall.of("get_weather", Json.object().put("city", "Oslo"));
    ToolCall a = ToolCall.of("set_alarm", Json.object().put("hour", 6));
    Label any = Label.ofText("ok");
    return List.of(
        new Sample("s1", tools, List.of(Message.user("wake me at 7")), any, null, null),
        new Sample(
            "s2",
            tools,
            List.of(Message.system("You are terse."), Message.user("weather in Oslo?")),
            any,
            null,
            null),
        new Sample(
            "s3",
            tools,
            List.of(
                Message.user("weather in Oslo?"),
                Message.assistant(List.of(w)),
                Message.tool("get_weather", "{\"temp\": 3}")),
            any,
            null,
            null),
        new Sample(
            "s4",
            tools,
            List.of(
                Message.user("alarm at 6 and weather in Oslo"),
                Message.assistant(List.of(a, w)),
                Message.tool("set_alarm", "done"),
                Message.tool("get_weather", "{\"temp\": 3, \"sky\": \"grey\"}"),
                Message.assistant("Alarm set; 3 degrees."),
                Message.user("and at 8 too")),
            any,
            null,
            null),
        new Sample("s5", List.of(WEATHER), List.of(Message.user("hi there")), any, null, null),
        new Sample(
            "s6",
            tools,
            List.of(
                Message.system("Answer in French."),
                Message.user("quel temps à Lima ?"),
                Message.assistant(
                    List.of(ToolCall.of("get_weather", Json.object().put("city", "Lima"))))),
            any,
            null,
            null));
  }

  @BeforeAll
  static void start() throws Exception {
    PolicyConfig cfg =
        PolicyConfig.sftDefaults().toBuilder()
            .steps(40)
            .model(new DecoderConfig(400, 32, 1, 2, 192, 3, 4))
            .maxAnswer(64)
            .batchSize(8)
            .checkpointEvery(40)
            .build();
    PolicyTrainer.sft(training(), null, tmp.resolve("model"), cfg, null);
    try (PolicyModel m = PolicyModel.load(tmp.resolve("model"), true, 0)) {
      checkpoint = m.checkpoint();
    }
    server =
        ModelServer.start(
            PolicyModel.load(checkpoint, true, 0),
            new ModelServer.Options("tiny", "127.0.0.1", 0, 4));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static CompletableFuture<HttpResponse<String>> post(String path, JsonNode body) {
    return http.sendAsync(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.parse(r.body());
  }

  @Test
  void greedyCompletionsOfConcurrentRequestsEqualProbing() throws Exception {
    List<Sample> samples = probes();
    List<ProbeResult> expected;
    int maxAnswer;
    try (PolicyModel m = PolicyModel.load(checkpoint, true, 0)) {
      expected = m.probe(samples);
      maxAnswer = m.maxAnswer();
    }
    long batchesBefore = server.batches();
    server.dispatcher().hold();
    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    for (Sample s : samples) {
      ObjectNode body = Json.object();
      body.put("model", "tiny");
      body.put("prompt", HermesFormat.prompt(s.tools(), s.messages()));
      body.put("max_tokens", maxAnswer);
      body.put("temperature", 0.0);
      body.put("logprobs", 1);
      body.putArray("stop").add(HermesFormat.IM_END);
      futures.add(post("/completions", body));
    }
    // All six are queued before any is decoded: with a batch of 4 they take exactly two batches.
    server.dispatcher().awaitQueued(samples.size());
    server.dispatcher().release();
    for (int i = 0; i < samples.size(); i++) {
      HttpResponse<String> r = futures.get(i).get();
      assertEquals(200, r.statusCode(), r.body());
      JsonNode c = json(r).path("choices").path(0);
      ProbeResult p = expected.get(i);
      assertEquals(p.prediction(), c.path("text").asText(), samples.get(i).id());
      JsonNode lps = c.path("logprobs").path("token_logprobs");
      double sum = 0;
      for (JsonNode v : lps) {
        sum += v.asDouble();
      }
      assertEquals(p.tokens(), lps.size(), samples.get(i).id());
      assertEquals(p.sumLogProb(), sum, 1e-3, samples.get(i).id());
      assertEquals(lps.size(), c.path("logprobs").path("tokens").size());
      assertEquals(lps.size(), json(r).path("usage").path("completion_tokens").asInt());
      // A probe answer either ends in EOS (stop) or fills the answer budget (length).
      assertEquals(p.tokens() < maxAnswer ? "stop" : "length", c.path("finish_reason").asText());
    }
    assertEquals(2, server.batches() - batchesBefore);
    assertEquals(4, server.largestBatch());
  }

  @Test
  void modelsListsTheServedNameAndTheCheckpointAsRoot() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    JsonNode m = json(r).path("data").path(0);
    assertEquals("list", json(r).path("object").asText());
    assertEquals("tiny", m.path("id").asText());
    assertEquals("model", m.path("object").asText());
    assertEquals("looptool", m.path("owned_by").asText());
    assertEquals(checkpoint.toAbsolutePath().normalize().toString(), m.path("root").asText());
  }

  @Test
  void chatWithToolsAnswersWithNativeToolCallsAndLogprobs() throws Exception {
    ObjectNode body = Json.object();
    body.put("model", "tiny");
    ArrayNode tools = body.putArray("tools");
    for (ToolSpec t : List.of(ALARM, WEATHER)) {
      tools.add(Json.parse(HermesFormat.toolJson(t)));
    }
    body.putArray("messages").addObject().put("role", "user").put("content", "wake me at 7");
    body.put("temperature", 0);
    body.put("logprobs", true);
    HttpResponse<String> r = post("/chat/completions", body).get();
    assertEquals(200, r.statusCode(), r.body());
    JsonNode c = json(r).path("choices").path(0);
    JsonNode call = c.path("message").path("tool_calls").path(0);
    assertEquals("tool_calls", c.path("finish_reason").asText(), r.body());
    assertEquals("function", call.path("type").asText());
    assertEquals("set_alarm", call.path("function").path("name").asText());
    assertEquals(
        7, Json.parse(call.path("function").path("arguments").asText()).path("hour").asInt());
    assertTrue(c.path("message").path("content").isNull());
    assertFalse(call.path("id").asText().isEmpty());

    // The same conversation as a text prompt decodes the same answer, token for token.
    Sample same =
        new Sample(
            "x",
            List.of(ALARM, WEATHER),
            List.of(Message.user("wake me at 7")),
            Label.ofText(""),
            null,
            null);
    ObjectNode text = Json.object();
    text.put("prompt", HermesFormat.prompt(same.tools(), same.messages()));
    text.put("temperature", 0);
    text.put("logprobs", 0);
    JsonNode tc = json(post("/completions", text).get()).path("choices").path(0);
    ParsedOutput parsed = HermesFormat.parse(tc.path("text").asText());
    assertEquals("set_alarm", parsed.calls().get(0).name());
    JsonNode content = c.path("logprobs").path("content");
    assertEquals(tc.path("logprobs").path("tokens").size(), content.size());
    for (int i = 0; i < content.size(); i++) {
      assertEquals(
          tc.path("logprobs").path("tokens").get(i).asText(),
          content.get(i).path("token").asText());
      assertEquals(
          tc.path("logprobs").path("token_logprobs").get(i).asDouble(),
          content.get(i).path("logprob").asDouble(),
          1e-4);
    }
  }

  @Test
  void aMultiTurnChatWithToolResultsDecodesAsItsProbe() throws Exception {
    Sample s = probes().get(3);
    ProbeResult p;
    try (PolicyModel m = PolicyModel.load(checkpoint, true, 0)) {
      p = m.probe(List.of(s)).get(0);
    }
    ObjectNode body = Json.object();
    ArrayNode tools = body.putArray("tools");
    for (ToolSpec t : s.tools()) {
      tools.add(Json.parse(HermesFormat.toolJson(t)));
    }
    ArrayNode msgs = body.putArray("messages");
    int id = 0;
    for (Message m : s.messages()) {
      ObjectNode o = msgs.addObject().put("role", m.role().wireName());
      o.put("content", m.content());
      if (m.hasToolCalls()) {
        ArrayNode tc = o.putArray("tool_calls");
        for (ToolCall c : m.toolCalls()) {
          tc.addObject()
              .put("id", "c" + id++)
              .put("type", "function")
              .putObject("function")
              .put("name", c.name())
              .put("arguments", Json.compact(c.arguments()));
        }
      }
    }
    body.put("temperature", 0);
    body.put("logprobs", true);
    JsonNode r = json(post("/chat/completions", body).get());
    double sum = 0;
    for (JsonNode t : r.path("choices").path(0).path("logprobs").path("content")) {
      sum += t.path("logprob").asDouble();
    }
    assertEquals(p.sumLogProb(), sum, 1e-3, r.toString());
    assertEquals(p.tokens(), r.path("usage").path("completion_tokens").asInt());
  }

  @Test
  void sampledDecodingIsReproducibleBySeedAndBounded() throws Exception {
    Sample s = probes().get(0);
    ObjectNode body = Json.object();
    body.put("prompt", HermesFormat.prompt(s.tools(), s.messages()));
    body.put("temperature", 1.5);
    body.put("top_p", 0.9);
    body.put("max_tokens", 5);
    body.put("logprobs", 2);
    List<String> texts = new ArrayList<>();
    for (long seed : new long[] {1, 1, 2, 3, 4}) {
      body.put("seed", seed);
      JsonNode c = json(post("/completions", body).get()).path("choices").path(0);
      texts.add(c.path("text").asText());
      JsonNode lp = c.path("logprobs");
      assertTrue(lp.path("tokens").size() <= 5);
      assertEquals(lp.path("tokens").size(), lp.path("top_logprobs").size());
      // Each step's alternatives are the two most likely tokens, best first.
      JsonNode top = lp.path("top_logprobs").path(0);
      assertEquals(2, top.size());
      List<Double> v = new ArrayList<>();
      top.fields().forEachRemaining(e -> v.add(e.getValue().asDouble()));
      assertTrue(v.get(0) >= v.get(1));
      assertTrue(lp.path("token_logprobs").get(0).asDouble() <= v.get(0) + 1e-9);
    }
    assertEquals(texts.get(0), texts.get(1));
    // At a high temperature four seeds do not all agree with the first.
    assertTrue(
        texts.subList(2, 5).stream().anyMatch(t -> !t.equals(texts.get(0))), texts.toString());
  }

  @Test
  void anUnreadablePromptIsA400AndAnUnknownModelA404() throws Exception {
    ObjectNode body = Json.object();
    body.put("model", "tiny");
    body.put("prompt", "just some text");
    HttpResponse<String> r = post("/completions", body).get();
    assertEquals(400, r.statusCode());
    JsonNode e = json(r).path("error");
    assertEquals("BadRequestError", e.path("type").asText());
    assertTrue(e.path("message").asText().contains("Hermes prompt"), r.body());

    body.put("prompt", "<|im_start|>user\nunclosed<|im_start|>assistant\n");
    r = post("/completions", body).get();
    assertEquals(400, r.statusCode());
    assertTrue(json(r).path("error").path("message").asText().contains("not closed"), r.body());

    body.put("prompt", HermesFormat.prompt(List.of(), List.of(Message.user("hi"))));
    body.put("model", "other");
    r = post("/completions", body).get();
    assertEquals(404, r.statusCode());
    assertEquals(
        "The model `other` does not exist.", json(r).path("error").path("message").asText());

    ObjectNode chat = Json.object();
    chat.putArray("messages").addObject().put("role", "robot").put("content", "x");
    r = post("/chat/completions", chat).get();
    assertEquals(400, r.statusCode());
    assertTrue(json(r).path("error").path("message").asText().contains("messages[0].role"));

    body.put("model", "tiny");
    body.put("max_tokens", 0);
    assertEquals(400, post("/completions", body).get().statusCode());
    assertNotEquals(200, post("/nothing", body).get().statusCode());
  }
}

package dev.looptool.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.activities.llm.fake.FakeModel;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.json.Json;
import dev.looptool.core.llm.BreakerSettings;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.Prompt;
import dev.looptool.core.llm.SamplingParams;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class OpenAiClientTest {

  static EndpointConfig config(String url) {
    return EndpointConfig.of(url, "judge-model").withRetries(8, 5, 50).withTimeouts(2_000, 5_000);
  }

  static ChatRequest hello(int i) {
    return ChatRequest.of(new Prompt("sys", "hello " + i), null);
  }

  @Test
  void chatSendsSamplingAndExtraBodyAndCountsTokens() throws Exception {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast())) {
      server.onChat(body -> "echo " + body.path("messages").path(1).path("content").asText());
      var extra = Json.object();
      extra.put("top_k", 20);
      extra.put("model", "must-not-win");
      extra.putObject("chat_template_kwargs").put("enable_thinking", false);
      EndpointConfig cfg =
          config(server.baseUrl())
              .withSampling(new SamplingParams(0.7, 0.9, 256, 11L, List.of("</x>")))
              .withExtraBody(extra);
      try (OpenAiClient client = new OpenAiClient(cfg, "judge", reg)) {
        ChatResult r =
            client
                .chat(
                    new ChatRequest(
                        List.of(dev.looptool.core.model.Message.user("hi")),
                        List.of(),
                        new SamplingParams(0.0, null, null, null, null),
                        null))
                .get();
        assertEquals("echo ", r.content());
        JsonNode sent = Json.parse(server.lastBody());
        assertEquals("judge-model", sent.path("model").asText());
        assertEquals(
            0.0,
            sent.path("temperature").asDouble(),
            "the request's sampling overrides the endpoint's");
        assertEquals(0.9, sent.path("top_p").asDouble());
        assertEquals(256, sent.path("max_tokens").asInt());
        assertEquals(11, sent.path("seed").asInt());
        assertEquals("</x>", sent.path("stop").path(0).asText());
        assertEquals(20, sent.path("top_k").asInt());
        assertFalse(sent.path("chat_template_kwargs").path("enable_thinking").asBoolean(true));
        assertTrue(r.promptTokens() > 0);
        double tokens = reg.find("looptool.llm.tokens").tag("kind", "prompt").counter().count();
        assertEquals(r.promptTokens(), tokens);
        assertEquals(1, reg.find("looptool.llm.request").tag("outcome", "ok").timer().count());
      }
    }
  }

  @Test
  void theApiKeyTravelsOnlyInTheAuthorizationHeader() throws Exception {
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast())) {
      EndpointConfig cfg = config(server.baseUrl()).withApiKeyEnv("LOOPTOOL_TEST_KEY");
      try (OpenAiClient client =
          new OpenAiClient(
              cfg,
              "judge",
              new SimpleMeterRegistry(),
              name -> name.equals("LOOPTOOL_TEST_KEY") ? "sk-very-secret" : null)) {
        client.chat(hello(1)).get();
      }
      assertEquals(List.of("Bearer sk-very-secret"), server.authorizations());
      assertFalse(server.lastBody().contains("sk-very-secret"));
      try (OpenAiClient client =
          new OpenAiClient(cfg, "judge", new SimpleMeterRegistry(), name -> null)) {
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> client.chat(hello(2)).get());
        LlmException le = assertInstanceOf(LlmException.class, e.getCause());
        assertEquals("config", le.errorClass());
        assertTrue(le.getMessage().contains("LOOPTOOL_TEST_KEY"));
        assertEquals(1, server.requests(), "no request goes out without its key");
      }
    }
  }

  @Test
  void transientFaultsAreRetriedUntilAnswered() throws Exception {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    var faults = new FakeOpenAiServer.Faults(0.2, 0.1, 0, 0.05, 2_000, 0.15, 42);
    try (FakeOpenAiServer server =
        FakeOpenAiServer.start(new FakeOpenAiServer.Options(0, 0, faults))) {
      // Faults at these rates would open a breaker at its defaults (it is meant to): this test is
      // about retries, so the breaker opens only when every call of its window failed.
      EndpointConfig cfg =
          config(server.baseUrl())
              .withTimeouts(2_000, 1_000)
              .withRetries(12, 1, 20)
              .withBreaker(new BreakerSettings(100, 0, 100, 0, 0, 50, 0, 0));
      try (OpenAiClient client = new OpenAiClient(cfg, "judge", reg)) {
        List<CompletableFuture<ChatResult>> fs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
          fs.add(client.chat(hello(i)));
        }
        for (CompletableFuture<ChatResult> f : fs) {
          assertFalse(f.get().content().isEmpty());
        }
      }
      long injected = server.faults().values().stream().mapToLong(Long::longValue).sum();
      assertTrue(
          server.faults().keySet().containsAll(List.of("500", "429", "stall", "malformed")),
          "the seed must inject every fault: " + server.faults());
      // Every request was either answered or faulted, and every one beyond the 60 was a retry.
      assertTrue(server.answered() >= 60);
      assertEquals(server.answered() + injected, server.requests());
      double retries = reg.find("looptool.llm.retries").counter().count();
      assertEquals(server.requests() - 60, (long) retries);
      assertEquals(
          server.faults().getOrDefault("500", 0L),
          (long) reg.find("looptool.llm.errors").tag("class", "http_5xx").counter().count());
    }
  }

  @Test
  void retryAfterIsHonouredAndTheBudgetEnds() throws Exception {
    var faults = new FakeOpenAiServer.Faults(0, 1.0, 1, 0, 0, 0, 1);
    try (FakeOpenAiServer server =
        FakeOpenAiServer.start(new FakeOpenAiServer.Options(0, 0, faults))) {
      try (OpenAiClient client =
          new OpenAiClient(
              config(server.baseUrl()).withRetries(1, 1, 2), "judge", new SimpleMeterRegistry())) {
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> client.chat(hello(1)).get());
        LlmException le = assertInstanceOf(LlmException.class, e.getCause());
        assertEquals("http_429", le.errorClass());
        assertEquals(429, le.status());
        assertTrue(le.retryable());
      }
      List<Long> at = server.arrivals();
      assertEquals(2, at.size());
      // Retry-After: 1 means the retry may not come sooner than a second later (backoff alone is 2
      // ms).
      assertTrue(
          at.get(1) - at.get(0) >= 1_000_000_000L,
          "retry came after " + (at.get(1) - at.get(0)) / 1e6 + " ms");
    }
  }

  @Test
  void clientErrorsAreNotRetried() throws Exception {
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast())) {
      String wrongPath = server.baseUrl().replace("/v1", "/nope");
      try (OpenAiClient client =
          new OpenAiClient(config(wrongPath), "judge", new SimpleMeterRegistry())) {
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> client.chat(hello(1)).get());
        LlmException le = assertInstanceOf(LlmException.class, e.getCause());
        assertEquals("http_4xx", le.errorClass());
        assertEquals(404, le.status());
        assertFalse(le.retryable());
      }
    }
  }

  @Test
  void concurrencyIsBoundedPerEndpointAndSpreadOverEndpoints() throws Exception {
    var opts = new FakeOpenAiServer.Options(20, 3, FakeOpenAiServer.Faults.none());
    try (FakeOpenAiServer a = FakeOpenAiServer.start(opts);
        FakeOpenAiServer b = FakeOpenAiServer.start(opts)) {
      EndpointConfig cfg =
          new EndpointConfig(
              List.of(a.baseUrl(), b.baseUrl()), "m", null, 3, 0, 0, null, 0, 0, null, null, null);
      try (OpenAiClient client = new OpenAiClient(cfg, "judge", new SimpleMeterRegistry())) {
        assertEquals(6, client.capacity());
        List<CompletableFuture<ChatResult>> fs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          fs.add(client.chat(hello(i)));
        }
        for (CompletableFuture<ChatResult> f : fs) {
          f.get();
        }
      }
      assertEquals(40, a.answered() + b.answered());
      assertTrue(a.answered() > 0 && b.answered() > 0);
      assertTrue(a.maxInFlight() <= 3 && b.maxInFlight() <= 3);
      assertEquals(Map.of(), a.faults(), "the client never exceeds the server's limit");
      assertEquals(Map.of(), b.faults());
    }
  }

  @Test
  void completionsCarryLogprobs() throws Exception {
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast())) {
      server.onCompletion(p -> FakeModel.FakeCompletion.of("abcdefghij"));
      try (OpenAiClient client =
          new OpenAiClient(config(server.baseUrl()), "probe", new SimpleMeterRegistry())) {
        CompletionResult r =
            client
                .complete(new CompletionRequest("prompt", SamplingParams.greedy(16), 1, null))
                .get();
        assertEquals("abcdefghij", r.text());
        assertEquals(List.of("abcd", "efgh", "ij"), r.tokens());
        assertEquals(3, r.tokenLogprobs().size());
        assertEquals(-0.3, r.tokenLogprobs().get(2), 1e-12);
        assertEquals(1, Json.parse(server.lastBody()).path("logprobs").asInt());
      }
    }
  }

  @Test
  void retryAfterHeaderForms() {
    assertEquals(2_000, OpenAiClient.retryAfterMs("2"));
    assertEquals(500, OpenAiClient.retryAfterMs("0.5"));
    assertEquals(-1, OpenAiClient.retryAfterMs("soon"));
    assertEquals(-1, OpenAiClient.retryAfterMs(null));
    assertEquals(
        0,
        OpenAiClient.retryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT"),
        "a date in the past means now");
    assertEquals(OpenAiClient.MAX_RETRY_AFTER_MS, OpenAiClient.retryAfterMs("999999"));
  }

  @Test
  void backoffGrowsWithJitterAndIsCapped() throws Exception {
    try (OpenAiClient client =
        new OpenAiClient(
            EndpointConfig.of("http://127.0.0.1:9/v1", "m").withRetries(3, 100, 1_000),
            "judge",
            new SimpleMeterRegistry())) {
      for (int i = 0; i < 50; i++) {
        long b0 = client.backoffMs(0);
        long b3 = client.backoffMs(3);
        long b9 = client.backoffMs(9);
        assertTrue(b0 >= 50 && b0 <= 100, "attempt 0: " + b0);
        assertTrue(b3 >= 400 && b3 <= 800, "attempt 3: " + b3);
        assertTrue(b9 >= 500 && b9 <= 1_000, "capped: " + b9);
      }
    }
  }

  @Test
  void aFailingScriptedAnswerFailsTheRequestAtOnce() throws Exception {
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        OpenAiClient client =
            new OpenAiClient(config(server.baseUrl()), "judge", new SimpleMeterRegistry())) {
      server.onChat(
          body -> {
            throw new IllegalStateException("no answer scripted for this prompt");
          });
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> client.chat(hello(1)).get());
      assertTrue(
          e.getCause().getMessage().contains("no answer scripted"), e.getCause().getMessage());
      assertEquals(1, server.requests());
    }
  }

  /**
   * A client closed while its requests wait for a replica out of rotation (the model server it was
   * made for died) fails every one of them: none is left pending with no thread to send it.
   */
  @Test
  void closingFailsEveryRequestStillWaitingForAReplica() throws Exception {
    String refused;
    try (FakeOpenAiServer gone = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast())) {
      refused = gone.baseUrl();
    }
    // Out of rotation after two refusals and for longer than the test; no limit on the wait.
    BreakerSettings breaker = new BreakerSettings(50, 0, 0, 2, 2, 600_000, 1, -1);
    OpenAiClient client =
        new OpenAiClient(config(refused).withBreaker(breaker), "probe", new SimpleMeterRegistry());
    List<CompletableFuture<ChatResult>> pending = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pending.add(client.chat(hello(i)));
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (client.waiting() < pending.size() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(pending.size(), client.waiting(), "every request waits for the open breaker");
    assertEquals("OPEN", client.breakerStates().get(refused));
    client.close();
    for (CompletableFuture<ChatResult> f : pending) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> f.get(10, java.util.concurrent.TimeUnit.SECONDS));
      LlmException cause = assertInstanceOf(LlmException.class, e.getCause());
      assertEquals("closed", cause.errorClass());
      assertTrue(cause.retryable());
    }
    ExecutionException after =
        assertThrows(ExecutionException.class, () -> client.chat(hello(9)).get());
    assertEquals("closed", ((LlmException) after.getCause()).errorClass());
  }
}

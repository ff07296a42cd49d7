package dev.looptool.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.activities.llm.fake.FakeModel;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.json.Json;
import dev.looptool.core.llm.LlmFixtures;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ProbeResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code policy.prompt: chat}: the sample's messages and tools go to /v1/chat/completions with
 * logprobs, calls come back as native tool_calls (the fake server parses them as vLLM's Hermes tool
 * parser does) and are scored as the Hermes text prompt's are.
 */
class ChatProberTest {
  @Test
  void sendsMessagesAndToolsGreedilyAndScoresNativeToolCallsWithTheirLogprobs() throws Exception {
    Sample s = LlmFixtures.sample("p1", "Paris", null);
    String right = HermesFormat.assistantText(null, s.label().calls());
    AtomicReference<JsonNode> sent = new AtomicReference<>();
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        OpenAiClient c = RolesTest.client(server)) {
      server.onChat(
          body -> {
            sent.set(body);
            return body.toString().contains("Oslo") ? "Sorry, no." : right;
          });
      OpenAiProber prober = new OpenAiProber(c, 128, OpenAiProber.Style.CHAT);
      List<ProbeResult> rs = prober.probe(List.of(s, LlmFixtures.sample("p2", "Oslo", null)));
      ProbeResult r = rs.get(0);
      assertTrue(r.mastered());
      assertNull(r.parseError());
      assertEquals(s.label().calls(), r.calls());
      assertEquals(right, r.prediction(), "native calls are recorded in Hermes form");
      FakeModel.FakeCompletion fc = FakeModel.FakeCompletion.of(right);
      double sum = fc.logprobs().stream().mapToDouble(Double::doubleValue).sum();
      assertEquals(fc.tokens().size(), r.tokens());
      assertEquals(sum, r.sumLogProb(), 1e-9);
      assertEquals(Math.exp(-sum / fc.tokens().size()), r.ppl(), 1e-9);
      ProbeResult other = rs.get(1);
      assertFalse(other.mastered());
      assertEquals("Sorry, no.", other.prediction());

      JsonNode body = Json.parse(server.lastBody());
      assertEquals(0.0, body.path("temperature").asDouble());
      assertTrue(body.path("logprobs").asBoolean());
      assertEquals(128, body.path("max_tokens").asInt());
      assertFalse(body.has("prompt"), "no text template: the server applies the chat template");
      assertFalse(body.has("stop"));
      assertEquals(
          s.tools().get(0).name(),
          body.path("tools").path(0).path("function").path("name").asText());
      assertEquals(s.messages().size(), body.path("messages").size());
    }
  }

  @Test
  void callsLeftInTheTextAreStillReadAndMissingLogprobsAreAnError() throws Exception {
    Sample s = LlmFixtures.sample("p1", "Paris", null);
    String right = HermesFormat.assistantText(null, s.label().calls());
    // A server without a tool parser returns the call block as text.
    ChatResult noParser = new ChatResult(right, List.of(), null, "stop", 1, 1, List.of(-0.5, -0.5));
    ProbeResult r = OpenAiProber.score(s, noParser);
    assertTrue(r.mastered());
    assertEquals(Math.exp(0.5), r.ppl(), 1e-9);
    ChatResult badArgs =
        new ChatResult(
            "",
            List.of(),
            "tool_calls[0].function.arguments is not valid JSON",
            "tool_calls",
            1,
            1,
            List.of(-1.0));
    ProbeResult bad = OpenAiProber.score(s, badArgs);
    assertFalse(bad.mastered());
    assertEquals("tool_calls[0].function.arguments is not valid JSON", bad.parseError());
    Exception e =
        assertThrows(
            IllegalStateException.class,
            () ->
                OpenAiProber.score(
                    s, new ChatResult(right, List.of(), null, "stop", 1, 1, List.of())));
    assertTrue(e.getMessage().contains("\"logprobs\": true"), e.getMessage());
  }
}

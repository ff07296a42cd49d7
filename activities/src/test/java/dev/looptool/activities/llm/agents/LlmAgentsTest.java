package dev.looptool.activities.llm.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.agent.DialoguePlan;
import dev.looptool.core.agent.PlanRequest;
import dev.looptool.core.agent.Shape;
import dev.looptool.core.json.Json;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.LlmFixtures;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.world.Dialogue;
import dev.looptool.world.DialogueSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The four LLM dialogue agents driven by the world's DialogueSimulator against a scripted fake
 * server.
 */
class LlmAgentsTest {

  static ToolSpec weather() {
    ToolSpec t = LlmFixtures.weatherTool();
    JsonSchema returns =
        JsonSchema.builder("object")
            .property("temperature", JsonSchema.builder("number").build(), true)
            .property("sky", JsonSchema.builder("string").build(), true)
            .build();
    return new ToolSpec(t.name(), t.description(), t.parameters(), returns);
  }

  static final String GOOD_PLAN =
      "Sure:\n```json\n{\"shape\": \"single\", \"domain\": \"travel\", \"persona\": \"a busy traveller\","
          + " \"offered_tools\": [\"get_weather\"], \"turns\": [{\"calls\": [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"celsius\"}}]}]}\n```";

  @Test
  void aDialogueFromFourModelAgents() throws Exception {
    AtomicInteger plannerCalls = new AtomicInteger();
    AtomicInteger toolCalls = new AtomicInteger();
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        OpenAiClient client =
            new OpenAiClient(
                EndpointConfig.of(server.baseUrl(), "m"), "agents", new SimpleMeterRegistry())) {
      server.onChat(
          body -> {
            String system = body.path("messages").path(0).path("content").asText();
            if (system.contains("design realistic conversations")) {
              // The first plan breaks the schema (an unknown unit); the planner must ask again.
              return plannerCalls.incrementAndGet() == 1
                  ? GOOD_PLAN.replace("celsius", "kelvin")
                  : GOOD_PLAN;
            }
            if (system.contains("play the user")) {
              return "User: \"What's the weather in Paris, in celsius?\"";
            }
            if (system.contains("play a software tool")) {
              return toolCalls.incrementAndGet() == 1
                  ? "{\"temperature\": \"warm\"}"
                  : "{\"temperature\": 21.5, \"sky\": \"clear\"}";
            }
            // The assistant: offered the tool natively, it answers with a Hermes block (turned into
            // tool_calls).
            assertEquals(
                "get_weather", body.path("tools").path(0).path("function").path("name").asText());
            return "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"unit\": \"celsius\"}}\n</tool_call>";
          });
      SamplingParams s = new SamplingParams(0.7, null, 512, null, null);
      List<ToolSpec> catalog = List.of(weather());
      LlmPlanner planner = new LlmPlanner(client, s, catalog, 3);
      DialoguePlan plan = planner.plan(PlanRequest.open(catalog, 11));
      assertEquals(2, plannerCalls.get());
      assertEquals(Shape.SINGLE, plan.shape());
      assertEquals("a busy traveller", plan.persona());
      DialogueSimulator sim =
          new DialogueSimulator(
              planner,
              new LlmUser(client, s, 2),
              new LlmAssistant(client, s),
              new LlmToolAgent(client, s, 3),
              Map.of("get_weather", weather()),
              Map.of("get_weather", weather()));
      Dialogue d = sim.run(plan, 0, 5);
      List<Message> m = d.messages();
      assertEquals(Role.USER, m.get(0).role());
      assertEquals("What's the weather in Paris, in celsius?", m.get(0).content());
      assertEquals("get_weather", m.get(1).toolCalls().get(0).name());
      assertEquals(Role.TOOL, m.get(2).role());
      JsonNode result = Json.parse(m.get(2).content());
      assertEquals(21.5, result.get("temperature").asDouble());
      assertEquals(2, toolCalls.get(), "a result that misses the result schema is asked for again");
      assertEquals(1, d.turns().size());
      assertEquals(d.turns().get(0).truth().calls(), m.get(1).toolCalls());
    }
  }

  @Test
  void aPlannerThatNeverFitsIsRejectedWithTheReason() throws Exception {
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        OpenAiClient client =
            new OpenAiClient(
                EndpointConfig.of(server.baseUrl(), "m"), "agents", new SimpleMeterRegistry())) {
      server.onChat(body -> GOOD_PLAN);
      LlmPlanner planner = new LlmPlanner(client, null, List.of(weather()), 2);
      PlanRequest parallel =
          new PlanRequest(List.of(weather()), Shape.PARALLEL, List.of(), List.of(), null, false, 1);
      UnusableAnswerException e =
          assertThrows(UnusableAnswerException.class, () -> planner.plan(parallel));
      assertTrue(e.getMessage().contains("asked for parallel, got single"), e.getMessage());
      assertEquals(2, server.requests());
      // A request that pins a tool without a catalog is planned over that tool from the full
      // catalog.
      DialoguePlan p =
          planner.plan(
              new PlanRequest(
                  List.of(), Shape.SINGLE, List.of("get_weather"), List.of(), "expert", false, 3));
      assertEquals(List.of("get_weather"), p.offeredTools());
      assertTrue(server.lastBody().contains("get_weather"));
    }
  }
}

package dev.looptool.activities.llm.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.model.Role;
import dev.looptool.world.Reject;
import dev.looptool.world.WorldConfig;
import dev.looptool.world.WorldGenerator;
import dev.looptool.world.WorldSample;
import dev.looptool.world.WorldSink;
import dev.looptool.world.synth.Catalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed data from the world's generator with a model playing the user (the other roles simulated).
 */
class LlmSeedGenerationTest {

  @Test
  void theModelVoicesTheUserOfEverySeedDialogue() throws Exception {
    WorldConfig config = WorldConfig.defaults(3).withTools(6).withCounts(4, 0);
    try (FakeOpenAiServer server = FakeOpenAiServer.start(FakeOpenAiServer.Options.fast());
        OpenAiClient client =
            new OpenAiClient(
                EndpointConfig.of(server.baseUrl(), "m"), "user", new SimpleMeterRegistry())) {
      server.onChat(
          body -> {
            String task = body.path("messages").path(1).path("content").asText();
            // Voices the request from the calls the prompt lists (the lines after the task's first
            // line).
            String[] lines = task.substring(task.indexOf("## Task")).split("\n");
            StringBuilder sb = new StringBuilder("\"Model-voiced: ");
            for (int i = 1; i < lines.length; i++) {
              sb.append(lines[i]).append(' ');
            }
            return sb.toString().strip() + "\"";
          });
      WorldGenerator world =
          new WorldGenerator(
              config,
              Catalog.synthesize(config.seed(), config.tools(), config.resultSchemaInPrompt()),
              null,
              new LlmUser(client, new SamplingParams(0.8, null, 256, null, null), 2),
              null,
              null);
      List<WorldSample> samples = new ArrayList<>();
      List<Reject> rejects = new ArrayList<>();
      world.generate(WorldSink.collecting(samples, rejects));
      assertEquals(4, samples.size(), rejects.toString());
      assertTrue(server.requests() >= 1);
      for (WorldSample s : samples) {
        var firstUser =
            s.sample().messages().stream()
                .filter(m -> m.role() == Role.USER)
                .findFirst()
                .orElseThrow();
        assertTrue(firstUser.content().startsWith("Model-voiced: "), firstUser.content());
      }
    }
  }
}

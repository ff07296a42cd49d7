package dev.looptool.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class JudgeConfigTest {

  @Test
  void votersOfDifferentModelsFromARunSpec() {
    String json =
        "{\"voters\": [{\"id\": \"qwen\", \"endpoint\": {\"baseUrls\": [\"http://a:8000/v1\"], \"model\": \"Qwen/Qwen3-32B\"}},"
            + " {\"endpoint\": {\"baseUrls\": [\"http://b:8000/v1\"], \"model\": \"llama-70b\"}},"
            + " {\"id\": \"hosted\", \"endpoint\": {\"baseUrls\": [\"https://api.example.com/v1\"], \"model\": \"gpt\", \"apiKeyEnv\": \"HOSTED_KEY\"}}],"
            + " \"quorum\": 2}";
    JudgeConfig c = Json.read(json, JudgeConfig.class);
    assertEquals(3, c.voters().size());
    assertEquals(
        "llama-70b", c.voters().get(1).id(), "a voter without an id is named after its model");
    assertEquals(2, c.quorum());
    assertTrue(c.bothOrders());
  }

  @Test
  void sameModelVotersGetSeedsAndQuorumIsChecked() {
    EndpointConfig e =
        EndpointConfig.of("http://a/v1", "m")
            .withSampling(new SamplingParams(0.7, null, null, 10L, null));
    JudgeConfig c = JudgeConfig.sameModel(e, 3, 2, false);
    assertEquals(
        List.of("m#0", "m#1", "m#2"), c.voters().stream().map(JudgeConfig.Voter::id).toList());
    assertEquals(12L, c.voters().get(2).endpoint().sampling().seed());
    assertThrows(IllegalArgumentException.class, () -> JudgeConfig.sameModel(e, 2, 3, true));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new JudgeConfig(
                List.of(new JudgeConfig.Voter("x", e), new JudgeConfig.Voter("x", e)), 1, true));
  }
}

package dev.looptool.core.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointConfigTest {

  @Test
  void readsFromARunSpecWithDefaults() {
    String json =
        "{\"baseUrls\": [\"http://judge-0:8000/v1\", \"http://judge-1:8000/v1\"], \"model\": \"Qwen/Qwen3-32B\","
            + " \"apiKeyEnv\": \"JUDGE_API_KEY\", \"maxConcurrency\": 32,"
            + " \"sampling\": {\"temperature\": 0.7, \"topP\": 0.8, \"maxTokens\": 2048},"
            + " \"extraBody\": {\"top_k\": 20, \"chat_template_kwargs\": {\"enable_thinking\": false}}}";
    EndpointConfig c = Json.read(json, EndpointConfig.class);
    assertEquals(List.of("http://judge-0:8000/v1", "http://judge-1:8000/v1"), c.baseUrls());
    assertEquals("JUDGE_API_KEY", c.apiKeyEnv());
    assertEquals(32, c.maxConcurrency());
    assertEquals(EndpointConfig.DEFAULT_REQUEST_TIMEOUT_MS, c.requestTimeoutMs());
    assertEquals(EndpointConfig.DEFAULT_RETRIES, c.maxRetries());
    assertEquals(0.8, c.sampling().topP());
    assertEquals(20, c.extraBody().get("top_k").asInt());
    assertEquals(2048, c.sampling().toJson().get("max_tokens").asInt());
    // Written back, the configuration names the variable, never a key.
    String back = Json.write(c);
    assertTrue(back.contains("\"apiKeyEnv\":\"JUDGE_API_KEY\""), back);
    assertEquals(c, Json.read(back, EndpointConfig.class));
  }

  @Test
  void badConfigurationSaysWhatIsWrong() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> EndpointConfig.of("localhost:8000", "m"))
            .getMessage()
            .contains("http(s)://"));
    assertThrows(IllegalArgumentException.class, () -> EndpointConfig.of("http://h/v1", " "));
    assertThrows(
        IllegalArgumentException.class, () -> new SamplingParams(-1.0, null, null, null, null));
    assertNull(EndpointConfig.of("http://h/v1", "m").withApiKeyEnv(" ").apiKeyEnv());
  }
}

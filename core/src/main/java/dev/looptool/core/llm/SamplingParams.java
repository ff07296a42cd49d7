package dev.looptool.core.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import java.util.List;

/**
 * Sampling parameters of a chat or completions request, in the OpenAI API's names; a null field is
 * left to the server's default.
 */
public record SamplingParams(
    Double temperature, Double topP, Integer maxTokens, Long seed, List<String> stop) {
  public SamplingParams {
    stop = stop == null ? List.of() : List.copyOf(stop);
    if (temperature != null && temperature < 0) {
      throw new IllegalArgumentException("temperature must not be negative, got " + temperature);
    }
    if (topP != null && (topP <= 0 || topP > 1)) {
      throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
    }
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("max_tokens must be at least 1, got " + maxTokens);
    }
  }

  /** Greedy decoding: temperature 0. */
  public static SamplingParams greedy(int maxTokens) {
    return new SamplingParams(0.0, null, maxTokens, null, null);
  }

  public SamplingParams withSeed(Long newSeed) {
    return new SamplingParams(temperature, topP, maxTokens, newSeed, stop);
  }

  public SamplingParams withTemperature(Double t) {
    return new SamplingParams(t, topP, maxTokens, seed, stop);
  }

  /** The fields that are set, as request body fields ({@code temperature}, {@code top_p}, ...). */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    if (temperature != null) {
      o.put("temperature", temperature);
    }
    if (topP != null) {
      o.put("top_p", topP);
    }
    if (maxTokens != null) {
      o.put("max_tokens", maxTokens);
    }
    if (seed != null) {
      o.put("seed", seed);
    }
    if (!stop.isEmpty()) {
      ArrayNode a = o.putArray("stop");
      stop.forEach(a::add);
    }
    return o;
  }
}

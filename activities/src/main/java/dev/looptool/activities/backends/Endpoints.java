package dev.looptool.activities.backends;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.json.Json;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.workflows.spec.EndpointSpec;

/**
 * Turns the run spec's endpoints into client configurations; a bad one is non-retryable bad input.
 */
public final class Endpoints {
  private Endpoints() {}

  public static EndpointConfig config(EndpointSpec e, String field) {
    if (e == null) {
      throw new BadInputException(field + ": an endpoint is required");
    }
    try {
      ObjectNode extra =
          e.extraBody() == null ? null : (ObjectNode) Json.MAPPER.valueToTree(e.extraBody());
      return new EndpointConfig(
          e.baseUrls(),
          e.model(),
          e.apiKeyEnv(),
          e.maxConcurrency() == null ? 0 : e.maxConcurrency(),
          0,
          e.timeoutSeconds() == null ? 0 : e.timeoutSeconds() * 1000L,
          e.maxRetries(),
          0,
          0,
          new SamplingParams(e.temperature(), e.topP(), e.maxTokens(), null, null),
          extra,
          null);
    } catch (IllegalArgumentException bad) {
      throw new BadInputException(field + ": " + bad.getMessage());
    }
  }
}

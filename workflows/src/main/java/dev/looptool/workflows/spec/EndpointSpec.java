package dev.looptool.workflows.spec;

import java.util.List;
import java.util.Map;

/**
 * An OpenAI-compatible model endpoint: base URLs (several for load spreading), model name, the NAME
 * of the environment variable that holds the API key (never the key), concurrency, timeout and
 * sampling settings, and extra body parameters passed through (e.g. top_k).
 */
public record EndpointSpec(
    List<String> baseUrls,
    String model,
    String apiKeyEnv,
    Integer maxConcurrency,
    Integer timeoutSeconds,
    Integer maxRetries,
    Double temperature,
    Double topP,
    Integer maxTokens,
    Map<String, Object> extraBody) {}

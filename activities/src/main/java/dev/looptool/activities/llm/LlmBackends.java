package dev.looptool.activities.llm;

import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.JudgeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the model-backed roles from a run specification's endpoint configurations and owns their
 * clients: voters and roles that name the same base URLs and model share one client, and so one
 * concurrency limit per endpoint. Close it to release the clients' threads.
 */
public final class LlmBackends implements AutoCloseable {
  private final MeterRegistry registry;
  private final Map<String, OpenAiClient> clients = new LinkedHashMap<>();

  public LlmBackends(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The shared client for an endpoint (same base URLs and model) in a role. */
  public synchronized OpenAiClient client(EndpointConfig endpoint, String role) {
    String key = role + "|" + endpoint.model() + "|" + endpoint.baseUrls();
    return clients.computeIfAbsent(key, k -> new OpenAiClient(endpoint, role, registry));
  }

  public LlmJudge judge(JudgeConfig config) {
    List<LlmJudge.Voter> voters = new ArrayList<>();
    for (JudgeConfig.Voter v : config.voters()) {
      // The voter's own sampling travels with each request, so voters may share a client.
      voters.add(
          new LlmJudge.Voter(v.id(), client(v.endpoint(), "judge"), v.endpoint().sampling()));
    }
    return new LlmJudge(voters, config.quorum(), config.bothOrders());
  }

  public LlmResponseValidator validator(EndpointConfig endpoint) {
    return new LlmResponseValidator(
        endpoint.model(), client(endpoint, "validator"), endpoint.sampling());
  }

  public LlmGenerator generator(
      EndpointConfig endpoint, int samplesPerAttempt, LlmGenerator.RejectListener rejects) {
    return new LlmGenerator(
        client(endpoint, "generator"), endpoint.sampling(), samplesPerAttempt, rejects);
  }

  public OpenAiProber prober(EndpointConfig endpoint, int maxTokens) {
    return new OpenAiProber(client(endpoint, "probe"), maxTokens);
  }

  @Override
  public synchronized void close() {
    clients.values().forEach(OpenAiClient::close);
    clients.clear();
  }
}

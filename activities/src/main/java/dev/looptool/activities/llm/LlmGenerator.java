package dev.looptool.activities.llm;

import dev.looptool.core.expand.Failure;
import dev.looptool.core.expand.Generator;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.llm.GeneratedSamples;
import dev.looptool.core.llm.GeneratorPrompt;
import dev.looptool.core.llm.Prompt;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.model.Sample;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The EDDE generator on an OpenAI-compatible endpoint: one call per attempt with the failure and
 * the attempt's scenario variation, the answer parsed by {@link GeneratedSamples} (rule-checked,
 * de-duplicated). Every candidate that is not returned goes to the reject listener with its reason.
 */
public final class LlmGenerator implements Generator {

  /** Receives candidates that did not become samples. */
  @FunctionalInterface
  public interface RejectListener {
    void onReject(Failure failure, int attempt, GeneratedSamples.Reject reject);
  }

  private final OpenAiClient client;
  private final SamplingParams sampling;
  private final int samplesPerAttempt;
  private final RejectListener rejects;

  public LlmGenerator(
      OpenAiClient client, SamplingParams sampling, int samplesPerAttempt, RejectListener rejects) {
    if (samplesPerAttempt < 1) {
      throw new IllegalArgumentException("samplesPerAttempt must be at least 1");
    }
    this.client = client;
    this.sampling = sampling;
    this.samplesPerAttempt = samplesPerAttempt;
    this.rejects = rejects;
  }

  @Override
  public List<Sample> generate(Failure failure, ScenarioVariation variation, int attempt)
      throws Exception {
    try {
      return generateAsync(failure, variation, attempt).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  /** The most requests the generator's client keeps in flight, over its base URLs. */
  public int capacity() {
    return client.capacity();
  }

  public CompletableFuture<List<Sample>> generateAsync(
      Failure failure, ScenarioVariation variation, int attempt) {
    Prompt prompt = GeneratorPrompt.build(failure, variation, attempt, samplesPerAttempt);
    // A seed per attempt: attempts differ, and a retried attempt asks the same question again.
    SamplingParams s =
        sampling != null && sampling.seed() != null
            ? sampling.withSeed(sampling.seed() + attempt)
            : sampling;
    return Futures.map(
        client.chat(ChatRequest.of(prompt, s)),
        res -> {
          GeneratedSamples.Result r = GeneratedSamples.parse(res.content(), failure);
          for (GeneratedSamples.Reject rej : r.rejects()) {
            rejects.onReject(failure, attempt, rej);
          }
          return r.samples();
        });
  }
}

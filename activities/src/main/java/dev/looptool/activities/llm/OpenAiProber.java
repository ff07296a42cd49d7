package dev.looptool.activities.llm;

import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.match.ToolMatch;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ProbeResult;
import dev.looptool.core.policy.Prober;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Greedy Capability Probing through a completions endpoint that serves the current checkpoint (e.g.
 * vLLM): each sample is rendered in the Qwen/Hermes format, decoded greedily with the chosen
 * tokens' log-probabilities, and scored: calls parsed, PPL of the output tokens, mastered by
 * ToolMatch. The whole batch is in flight at once, bounded by the client's concurrency.
 */
public final class OpenAiProber implements Prober {
  private final OpenAiClient client;
  private final SamplingParams sampling;

  public OpenAiProber(OpenAiClient client, int maxTokens) {
    this.client = client;
    this.sampling = new SamplingParams(0.0, null, maxTokens, null, List.of(HermesFormat.IM_END));
  }

  @Override
  public List<ProbeResult> probe(List<Sample> batch) throws Exception {
    List<CompletableFuture<ProbeResult>> futures = new ArrayList<>(batch.size());
    for (Sample s : batch) {
      futures.add(probeAsync(s));
    }
    List<ProbeResult> out = new ArrayList<>(batch.size());
    try {
      for (CompletableFuture<ProbeResult> f : futures) {
        out.add(f.get());
      }
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(false));
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
    return out;
  }

  public CompletableFuture<ProbeResult> probeAsync(Sample s) {
    String prompt = HermesFormat.prompt(s.tools(), s.messages());
    return client
        .complete(new CompletionRequest(prompt, sampling, 1, null))
        .thenApply(r -> score(s, r));
  }

  /**
   * Turns one completion into a probe result; a server that sent no log-probabilities is an error.
   */
  static ProbeResult score(Sample s, CompletionResult r) {
    if (r.tokenLogprobs().isEmpty() && !r.text().isEmpty()) {
      throw new IllegalStateException(
          "the completions endpoint returned no logprobs for sample "
              + s.id()
              + "; the prober needs a server that honours \"logprobs\": 1 (vLLM and SGLang do)");
    }
    double sum = 0;
    double min = 0;
    int tokens = 0;
    for (double lp : r.tokenLogprobs()) {
      if (Double.isNaN(lp)) {
        continue;
      }
      sum += lp;
      min = tokens == 0 ? lp : Math.min(min, lp);
      tokens++;
    }
    ParsedOutput parsed = HermesFormat.parse(r.text());
    return new ProbeResult(
        s.id(),
        r.text(),
        parsed.calls(),
        parsed.error(),
        tokens,
        sum,
        min,
        ProbeResult.perplexity(sum, tokens),
        ToolMatch.matches(parsed, s.label()));
  }
}

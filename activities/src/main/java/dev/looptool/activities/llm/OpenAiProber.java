package dev.looptool.activities.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.json.Json;
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
 * Greedy Capability Probing through an OpenAI-compatible endpoint that serves the current
 * checkpoint (e.g. vLLM), in one of two prompt styles. {@link Style#HERMES}: each sample rendered
 * in the Qwen/Hermes text format and sent to {@code /completions} with the chosen tokens'
 * log-probabilities. {@link Style#CHAT}: the sample's messages and tools sent to {@code
 * /chat/completions} with {@code logprobs: true}, so the server applies the model's own chat
 * template and tool parser and calls come back as native {@code tool_calls}. Either way decoding is
 * greedy (temperature 0) and each answer is scored alike: calls parsed, PPL of the output tokens,
 * mastered by ToolMatch. The whole batch is in flight at once, bounded by the client's concurrency.
 */
public final class OpenAiProber implements Prober {
  /** How a sample becomes a request. */
  public enum Style {
    HERMES,
    CHAT
  }

  private final OpenAiClient client;
  private final Style style;
  private final SamplingParams sampling;
  private final ObjectNode chatExtra;

  public OpenAiProber(OpenAiClient client, int maxTokens) {
    this(client, maxTokens, Style.HERMES);
  }

  public OpenAiProber(OpenAiClient client, int maxTokens, Style style) {
    this.client = client;
    this.style = style;
    this.sampling =
        style == Style.HERMES
            ? new SamplingParams(0.0, null, maxTokens, null, List.of(HermesFormat.IM_END))
            // The server's chat template ends the turn itself.
            : new SamplingParams(0.0, null, maxTokens, null, null);
    this.chatExtra = Json.object().put("logprobs", true);
  }

  public Style style() {
    return style;
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
    if (style == Style.CHAT) {
      return client
          .chat(new ChatRequest(s.messages(), s.tools(), sampling, chatExtra))
          .thenApply(r -> score(s, r));
    }
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
    return result(s, r.text(), HermesFormat.parse(r.text()), r.tokenLogprobs());
  }

  /**
   * Turns one chat answer into a probe result. Native tool calls are the prediction (its text is
   * the answer in Hermes form, so judges and records read alike in both styles); an answer without
   * them is parsed as Hermes text, which catches a server run without a tool parser.
   */
  static ProbeResult score(Sample s, ChatResult r) {
    if (r.tokenLogprobs().isEmpty() && !(r.content().isEmpty() && r.toolCalls().isEmpty())) {
      throw new IllegalStateException(
          "the chat endpoint returned no logprobs for sample "
              + s.id()
              + "; policy.prompt 'chat' needs a server that honours \"logprobs\": true on"
              + " /v1/chat/completions (vLLM and SGLang do)");
    }
    ParsedOutput parsed;
    String text;
    if (r.toolCallError() != null) {
      parsed = ParsedOutput.failure(r.toolCallError(), r.content());
      text = r.content();
    } else if (!r.toolCalls().isEmpty()) {
      parsed = ParsedOutput.ok(r.toolCalls(), r.content());
      text = HermesFormat.assistantText(r.content(), r.toolCalls());
    } else {
      parsed = HermesFormat.parse(r.content());
      text = r.content();
    }
    return result(s, text, parsed, r.tokenLogprobs());
  }

  private static ProbeResult result(
      Sample s, String text, ParsedOutput parsed, List<Double> logprobs) {
    double sum = 0;
    double min = 0;
    int tokens = 0;
    for (double lp : logprobs) {
      if (Double.isNaN(lp)) {
        continue;
      }
      sum += lp;
      min = tokens == 0 ? lp : Math.min(min, lp);
      tokens++;
    }
    return new ProbeResult(
        s.id(),
        text,
        parsed.calls(),
        parsed.error(),
        tokens,
        sum,
        min,
        ProbeResult.perplexity(sum, tokens),
        ToolMatch.matches(parsed, s.label()));
  }
}

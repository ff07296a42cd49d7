package dev.looptool.activities.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.llm.SamplingParams;

/**
 * One text completion request on a raw prompt; {@code logprobs} &gt; 0 asks for per-token
 * log-probabilities (the prober asks for 1: the chosen token's).
 */
public record CompletionRequest(
    String prompt, SamplingParams sampling, int logprobs, ObjectNode extraBody) {}

package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.PolicySpec;

/** Evaluate π_j on the held-out test set; writes {@code iter-NN/eval.json}. */
public record EvalRequest(
    String runId, int iteration, String checkpoint, String testKey, PolicySpec policy) {}

package dev.looptool.workflows.stages;

import java.util.Map;

/** Held-out ToolMatch accuracy overall and by dialogue shape, and the key of the metrics file. */
public record EvalResult(
    String evalKey, long samples, double accuracy, Map<String, Double> byShape) {}

package dev.looptool.workflows.loop;

import java.util.List;

/**
 * A finished run: iterations completed, their summaries, the report, and whether it was stopped
 * early.
 */
public record LoopResult(
    String runId,
    int iterationsCompleted,
    List<IterationSummary> iterations,
    String reportKey,
    boolean stoppedEarly) {}

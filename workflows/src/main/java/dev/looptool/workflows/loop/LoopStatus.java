package dev.looptool.workflows.loop;

import java.util.List;

/**
 * The answer to the {@code status} query: iteration, stage, shard progress of the stage, the
 * operator's pause and stop requests, whether a settings update waits for the next iteration, and
 * every finished iteration's summary.
 */
public record LoopStatus(
    String runId,
    int iteration,
    int iterations,
    String stage,
    ShardProgress shards,
    OperatorRequests requests,
    boolean settingsPending,
    List<IterationSummary> finished) {}

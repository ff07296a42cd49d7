package dev.looptool.workflows.loop;

import java.util.List;

/**
 * The answer to the {@code status} query: iteration, stage, shard progress of the stage, pause and
 * stop flags, whether a settings update waits for the next iteration, and every finished
 * iteration's summary.
 */
public record LoopStatus(
    String runId,
    int iteration,
    int iterations,
    String stage,
    int shardsDone,
    int shardsTotal,
    boolean paused,
    boolean stopAfterIteration,
    boolean settingsPending,
    List<IterationSummary> finished) {}

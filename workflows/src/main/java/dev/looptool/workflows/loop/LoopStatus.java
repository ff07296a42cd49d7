package dev.looptool.workflows.loop;

import java.util.List;

/**
 * The answer to the {@code status} query: iteration, stage, shard progress of the stage, the
 * operator's pause and stop requests, whether a settings update waits for the next iteration, and
 * every finished iteration's summary.
 *
 * <p>While a {@code LoopToolStage} child runs the current sharded stage, {@code shards} names it
 * ({@link ShardProgress#stageRun()}) and has the stage's total but not what is done: a workflow
 * cannot query its child, and a signal per shard would grow the loop's history again, so a client
 * asks the child's {@code progress} query and puts its answer in ({@link #withShards}).
 */
public record LoopStatus(
    String runId,
    int iteration,
    int iterations,
    String stage,
    ShardProgress shards,
    OperatorRequests requests,
    boolean settingsPending,
    List<IterationSummary> finished) {

  /** The same status with the shard progress {@code progress} (e.g. the stage child's). */
  public LoopStatus withShards(ShardProgress progress) {
    return new LoopStatus(
        runId, iteration, iterations, stage, progress, requests, settingsPending, finished);
  }
}

package dev.looptool.workflows.loop;

/**
 * How many shards of the current stage are done, of how many (0 of 0: not a sharded stage), and the
 * workflow id of the {@code LoopToolStage} child that runs them ({@code stageRun}; null when none
 * runs, or when the loop ran the shards itself, as before the {@code stage-children} change). The
 * loop's status does not know {@code done} while a child runs: the child's {@code progress} query
 * does.
 */
public record ShardProgress(int done, int total, String stageRun) {
  /** Progress without a stage child. */
  public ShardProgress(int done, int total) {
    this(done, total, null);
  }
}

package dev.looptool.workflows.stages;

/**
 * What a long activity heartbeats: a readable progress record (stage, shard, step of total, counts
 * so far, the last checkpoint) that the Web UI shows and a retried attempt resumes from, and how
 * fast {@code done} has grown in this attempt ({@code perSecond}, 0 until measured), from which the
 * command line shows a rate and an ETA.
 */
public record StageProgress(
    String stage,
    int shard,
    long done,
    long total,
    String detail,
    String checkpoint,
    double perSecond) {
  /** The same progress with another rate. */
  public StageProgress withPerSecond(double rate) {
    return new StageProgress(stage, shard, done, total, detail, checkpoint, rate);
  }
}

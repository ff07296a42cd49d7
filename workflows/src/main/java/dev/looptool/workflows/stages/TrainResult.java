package dev.looptool.workflows.stages;

/**
 * A finished training phase: the checkpoint written, steps taken, the last step's loss, the mean
 * reward over its steps, and GRPO's training signal: the share of prompt groups whose sampled
 * completions had unequal rewards (groups of equal rewards have zero advantages and teach nothing;
 * null when the trainer does not report it, as SFT and external trainers), with the key of the
 * per-step trace (null when none was written).
 */
public record TrainResult(
    String checkpoint,
    long steps,
    double finalLoss,
    double meanReward,
    Double informativeShare,
    String traceKey) {

  /** A phase that reported no per-group signal. */
  public TrainResult(String checkpoint, long steps, double finalLoss, double meanReward) {
    this(checkpoint, steps, finalLoss, meanReward, null, null);
  }
}

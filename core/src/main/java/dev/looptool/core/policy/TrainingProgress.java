package dev.looptool.core.policy;

/**
 * A readable progress report of a training run, for heartbeats and progress bars: phase (sft,
 * grpo), step of total, loss, mean reward, throughput, and the last checkpoint written (or null).
 */
public record TrainingProgress(
    String phase,
    long step,
    long totalSteps,
    double loss,
    double meanReward,
    double tokensPerSecond,
    String checkpoint) {

  /** Receives progress reports; must be cheap, it is called every step. */
  @FunctionalInterface
  public interface Listener {
    void onProgress(TrainingProgress progress);
  }
}

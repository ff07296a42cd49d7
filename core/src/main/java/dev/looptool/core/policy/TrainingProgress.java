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

  /**
   * This report as one line of the external trainers' progress protocol (docs/backends.md): a JSON
   * object with {@code phase}, {@code step}, {@code total_steps}, {@code loss}, {@code mean_reward}
   * (absent when not known), {@code tokens_per_second} and {@code checkpoint} (when one was
   * written).
   */
  public String toProtocolLine() {
    com.fasterxml.jackson.databind.node.ObjectNode o = dev.looptool.core.json.Json.object();
    o.put("phase", phase);
    o.put("step", step);
    o.put("total_steps", totalSteps);
    o.put("loss", loss);
    if (!Double.isNaN(meanReward)) {
      o.put("mean_reward", meanReward);
    }
    o.put("tokens_per_second", tokensPerSecond);
    if (checkpoint != null) {
      o.put("checkpoint", checkpoint);
    }
    return dev.looptool.core.json.Json.compact(o);
  }

  /** Receives progress reports; must be cheap, it is called every step. */
  @FunctionalInterface
  public interface Listener {
    void onProgress(TrainingProgress progress);
  }
}

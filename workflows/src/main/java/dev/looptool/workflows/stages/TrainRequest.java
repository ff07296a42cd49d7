package dev.looptool.workflows.stages;

import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.spec.PolicySpec;

/**
 * Train the policy: {@code phase} "sft" (warm-up) or "grpo", on {@code trainKey}, starting from
 * {@code initCheckpoint} (null: a fresh model), writing {@code outCheckpoint}. A retry resumes from
 * the newest checkpoint already written under {@code outCheckpoint}.
 */
public record TrainRequest(
    String runId,
    int iteration,
    String phase,
    String trainKey,
    String initCheckpoint,
    String outCheckpoint,
    PolicySpec policy) {

  /** The SFT warm-up of a run before its loop: π_0 from scratch on the seed's warm-up set. */
  public static TrainRequest warmup(String runId, SeedResult seed, PolicySpec policy) {
    return new TrainRequest(
        runId,
        0,
        "sft",
        seed.warmupTrain().key(),
        null,
        new RunLayout(runId).sftCheckpoint(),
        policy);
  }
}

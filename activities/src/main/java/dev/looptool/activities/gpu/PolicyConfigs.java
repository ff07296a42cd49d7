package dev.looptool.activities.gpu;

import dev.looptool.policy.PolicyConfig;
import dev.looptool.policy.model.DecoderConfig;
import dev.looptool.workflows.spec.PolicySpec;

/** Maps the run spec's policy settings onto the built-in model's training configuration. */
public final class PolicyConfigs {
  private PolicyConfigs() {}

  /**
   * SFT keeps the measured warm-up settings (batch 32, Adam 1e-3, one update per batch) and takes
   * steps, seed and sizes from the spec; GRPO takes every GRPO setting from the spec. Both take a
   * seed per iteration, so each iteration samples differently yet reproducibly.
   */
  public static PolicyConfig forPhase(PolicySpec p, String phase, int iteration) {
    PolicySpec.ModelSpec m = p.model();
    int maxSeq = m.maxSeq();
    PolicyConfig.Builder b =
        ("sft".equals(phase) ? PolicyConfig.sftDefaults() : PolicyConfig.grpoDefaults())
            .toBuilder()
                .seed(p.seed() * 1_000_003L + iteration)
                .group(p.groupSize())
                .temperature(p.temperature())
                .clipLow(p.clipLow())
                .clipHigh(p.clipHigh())
                .klCoef(p.klCoef())
                .checkpointEvery(p.checkpointEvery())
                .model(
                    new DecoderConfig(
                        m.vocab(),
                        m.dModel(),
                        m.layers(),
                        m.heads(),
                        maxSeq,
                        m.ngram(),
                        m.callIndex()))
                .maxAnswer(Math.min(p.maxNewTokens(), maxSeq - 2))
                .cpu(false);
    if ("sft".equals(phase)) {
      return b.steps(p.sftSteps()).build();
    }
    return b.steps(p.grpoSteps())
        .batchSize(p.batchSize())
        .learningRate(p.learningRate())
        .updatesPerBatch(p.updatesPerBatch())
        .build();
  }
}

package dev.looptool.activities.gpu;

import dev.looptool.policy.PolicyConfig;
import dev.looptool.policy.model.DecoderConfig;
import dev.looptool.workflows.spec.PolicySpec;

/** Maps the run spec's policy settings onto the built-in model's training configuration. */
public final class PolicyConfigs {
  private PolicyConfigs() {}

  /**
   * SFT keeps the measured warm-up settings (batch 32, Adam 1e-3) and takes steps, seed and sizes
   * from the spec; GRPO takes every GRPO setting from the spec and a seed per iteration, so each
   * iteration samples differently yet reproducibly.
   */
  public static PolicyConfig forPhase(PolicySpec p, String phase, int iteration) {
    PolicySpec.ModelSpec m = p.model();
    PolicyConfig base =
        "sft".equals(phase) ? PolicyConfig.sftDefaults() : PolicyConfig.grpoDefaults();
    int maxSeq = m.maxSeq();
    int maxAnswer = Math.min(p.maxNewTokens(), maxSeq - 2);
    long seed = p.seed() * 1_000_003L + iteration;
    DecoderConfig model =
        new DecoderConfig(
            m.vocab(), m.dModel(), m.layers(), m.heads(), maxSeq, m.ngram(), m.callIndex());
    if ("sft".equals(phase)) {
      return new PolicyConfig(
          p.sftSteps(),
          seed,
          base.batchSize(),
          base.learningRate(),
          base.clipNorm(),
          p.groupSize(),
          p.temperature(),
          p.clipLow(),
          p.clipHigh(),
          p.klCoef(),
          1,
          p.checkpointEvery(),
          base.keepCheckpoints(),
          model,
          maxAnswer,
          base.probeBatch(),
          false);
    }
    return new PolicyConfig(
        p.grpoSteps(),
        seed,
        p.batchSize(),
        p.learningRate(),
        base.clipNorm(),
        p.groupSize(),
        p.temperature(),
        p.clipLow(),
        p.clipHigh(),
        p.klCoef(),
        p.updatesPerBatch(),
        p.checkpointEvery(),
        base.keepCheckpoints(),
        model,
        maxAnswer,
        base.probeBatch(),
        false);
  }
}

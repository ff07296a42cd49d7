package dev.looptool.activities.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looptool.policy.PolicyConfig;
import dev.looptool.workflows.spec.PolicySpec;
import org.junit.jupiter.api.Test;

class PolicyConfigsTest {
  /**
   * The workflows module cannot see the policy module, so the run spec writes its model defaults
   * out again; they must stay the ones `policy sft` uses.
   */
  @Test
  void aRunSpecWithoutModelSizesTrainsThePolicyDefaults() {
    PolicySpec spec =
        new PolicySpec(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null)
            .withDefaults();
    PolicyConfig sft = PolicyConfigs.forPhase(spec, "sft", 1);
    assertEquals(PolicyConfig.DEFAULT_MODEL, sft.model());
    assertEquals(PolicyConfig.DEFAULT_MAX_ANSWER, sft.maxAnswer());
    assertEquals(PolicyConfig.DEFAULT_MODEL, PolicyConfigs.forPhase(spec, "grpo", 1).model());
  }
}

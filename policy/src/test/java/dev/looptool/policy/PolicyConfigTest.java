package dev.looptool.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.looptool.core.io.BadInputException;
import dev.looptool.policy.model.DecoderConfig;
import org.junit.jupiter.api.Test;

class PolicyConfigTest {
  /** A config whose every field differs from both phases' defaults and from every other field. */
  static PolicyConfig distinct() {
    return PolicyConfig.grpoDefaults().toBuilder()
        .steps(11)
        .seed(12)
        .batchSize(13)
        .learningRate(0.014)
        .clipNorm(0.15)
        .group(16)
        .temperature(0.17)
        .clipLow(0.18)
        .clipHigh(0.19)
        .klCoef(0.021)
        .updatesPerBatch(22)
        .checkpointEvery(23)
        .keepCheckpoints(24)
        .model(new DecoderConfig(250, 26, 1, 2, 60, 3, 4))
        .maxAnswer(28)
        .probeBatch(29)
        .cpu(true)
        .build();
  }

  @Test
  void toBuilderCarriesEveryField() {
    PolicyConfig c = distinct();
    assertEquals(c, c.toBuilder().build());
    assertEquals(PolicyConfig.sftDefaults(), PolicyConfig.sftDefaults().toBuilder().build());
  }

  @Test
  void aBuilderChangesOnlyTheFieldsItIsTold() {
    PolicyConfig c = distinct();
    PolicyConfig more = c.toBuilder().steps(99).build();
    assertEquals(99, more.steps());
    assertEquals(c, more.toBuilder().steps(c.steps()).build());
    assertNotEquals(c, more);
  }

  @Test
  void fieldsThatConstrainEachOtherAreCheckedTogetherAtBuild() {
    // The default answer budget (96) does not fit a 60-token context; setting the model first is
    // fine as long as the budget follows before build().
    PolicyConfig small =
        PolicyConfig.sftDefaults().toBuilder()
            .model(new DecoderConfig(250, 26, 1, 2, 60, 3, 4))
            .maxAnswer(20)
            .build();
    assertEquals(20, small.maxAnswer());
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () ->
                PolicyConfig.sftDefaults().toBuilder()
                    .model(new DecoderConfig(250, 26, 1, 2, 60, 3, 4))
                    .build());
    assertEquals("policy config: maxAnswer: invalid value 96", e.getMessage());
  }

  @Test
  void thePhasesDifferOnlyInStepsBatchRateUpdatesAndCheckpoints() {
    PolicyConfig sft = PolicyConfig.sftDefaults();
    PolicyConfig grpo = PolicyConfig.grpoDefaults();
    assertEquals(
        sft,
        grpo.toBuilder()
            .steps(4000)
            .batchSize(32)
            .learningRate(1e-3)
            .updatesPerBatch(1)
            .checkpointEvery(250)
            .build());
  }
}

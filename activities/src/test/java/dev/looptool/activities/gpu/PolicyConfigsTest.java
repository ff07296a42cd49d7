package dev.looptool.activities.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looptool.core.json.Json;
import dev.looptool.policy.PolicyConfig;
import dev.looptool.policy.model.DecoderConfig;
import dev.looptool.workflows.spec.PolicySpec;
import org.junit.jupiter.api.Test;

class PolicyConfigsTest {
  /** Every setting a value of its own, so a setting mapped onto the wrong field shows. */
  static PolicySpec distinct() throws Exception {
    return Json.MAPPER
        .readValue(
            """
            {"sftSteps": 101, "grpoSteps": 102, "batchSize": 3, "groupSize": 5,
             "temperature": 0.7, "learningRate": 0.003, "clipLow": 0.11, "clipHigh": 0.33,
             "klCoef": 0.01, "updatesPerBatch": 4, "checkpointEvery": 9, "maxNewTokens": 40,
             "seed": 6,
             "model": {"dModel": 48, "layers": 3, "heads": 2, "vocab": 300, "maxSeq": 144,
                       "ngram": 5, "callIndex": 7}}
            """,
            PolicySpec.class)
        .withDefaults();
  }

  @Test
  void grpoTakesEveryGrpoSettingAndTheSizesFromTheSpec() throws Exception {
    PolicyConfig c = PolicyConfigs.forPhase(distinct(), "grpo", 2);
    PolicyConfig expected =
        PolicyConfig.grpoDefaults().toBuilder()
            .steps(102)
            .seed(6 * 1_000_003L + 2)
            .batchSize(3)
            .learningRate(0.003)
            .group(5)
            .temperature(0.7)
            .clipLow(0.11)
            .clipHigh(0.33)
            .klCoef(0.01)
            .updatesPerBatch(4)
            .checkpointEvery(9)
            .model(new DecoderConfig(300, 48, 3, 2, 144, 5, 7))
            .maxAnswer(40)
            .build();
    assertEquals(expected, c);
  }

  @Test
  void sftKeepsTheWarmUpRecipeAndTakesStepsSeedAndSizesFromTheSpec() throws Exception {
    PolicyConfig c = PolicyConfigs.forPhase(distinct(), "sft", 0);
    PolicyConfig sft = PolicyConfig.sftDefaults();
    assertEquals(101, c.steps());
    assertEquals(6 * 1_000_003L, c.seed());
    assertEquals(sft.batchSize(), c.batchSize());
    assertEquals(sft.learningRate(), c.learningRate());
    assertEquals(sft.updatesPerBatch(), c.updatesPerBatch());
    assertEquals(9, c.checkpointEvery());
    assertEquals(new DecoderConfig(300, 48, 3, 2, 144, 5, 7), c.model());
  }

  @Test
  void theAnswerBudgetLeavesRoomForAPrompt() throws Exception {
    PolicySpec tight =
        Json.MAPPER
            .readValue("{\"maxNewTokens\": 500, \"model\": {\"maxSeq\": 64}}", PolicySpec.class)
            .withDefaults();
    assertEquals(62, PolicyConfigs.forPhase(tight, "grpo", 1).maxAnswer());
  }

  @Test
  void aSpecWithoutSettingsTrainsThePolicyCommandsModel() throws Exception {
    PolicySpec unset = Json.MAPPER.readValue("{}", PolicySpec.class).withDefaults();
    PolicyConfig grpo = PolicyConfigs.forPhase(unset, "grpo", 0);
    assertEquals(PolicyConfig.DEFAULT_MODEL, grpo.model());
    assertEquals(PolicyConfig.grpoDefaults().maxAnswer(), grpo.maxAnswer());
    assertEquals(PolicyConfig.grpoDefaults().learningRate(), grpo.learningRate());
    assertEquals(PolicyConfig.grpoDefaults().group(), grpo.group());
  }
}

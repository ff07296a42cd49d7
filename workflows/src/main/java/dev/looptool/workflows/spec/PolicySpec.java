package dev.looptool.workflows.spec;

import dev.looptool.core.policy.ModelDefaults;

/**
 * The policy and how it is trained and probed. {@code backend}: {@code builtin} (the DJL model; SFT
 * warm-up, then GRPO) or {@code external} (a trainer command and a prober endpoint). GRPO settings
 * follow LOOPTOOL.md (group size, temperature, clip low/high, no KL by default).
 */
public record PolicySpec(
    String backend,
    Integer sftSteps,
    Integer grpoSteps,
    Integer batchSize,
    Integer groupSize,
    Double temperature,
    Double learningRate,
    Double clipLow,
    Double clipHigh,
    Double klCoef,
    Integer updatesPerBatch,
    Integer checkpointEvery,
    Integer maxNewTokens,
    Long seed,
    ModelSpec model,
    ExternalTrainerSpec external,
    EndpointSpec prober) {
  public static final String BUILTIN = "builtin";
  public static final String EXTERNAL = "external";

  /**
   * Sizes of the built-in model trained from scratch; unset sizes take {@link ModelDefaults}', the
   * same as {@code policy sft}'s (d=128, 2 layers, 4 heads, vocabulary 1024, context 256, n-gram 6,
   * call index 8; see docs/policy.md).
   */
  public record ModelSpec(
      Integer dModel,
      Integer layers,
      Integer heads,
      Integer vocab,
      Integer maxSeq,
      Integer ngram,
      Integer callIndex) {
    public ModelSpec withDefaults() {
      return new ModelSpec(
          dModel == null ? ModelDefaults.D_MODEL : dModel,
          layers == null ? ModelDefaults.LAYERS : layers,
          heads == null ? ModelDefaults.HEADS : heads,
          vocab == null ? ModelDefaults.VOCAB : vocab,
          maxSeq == null ? ModelDefaults.MAX_SEQ : maxSeq,
          ngram == null ? ModelDefaults.NGRAM : ngram,
          callIndex == null ? ModelDefaults.CALL_INDEX : callIndex);
    }
  }

  /**
   * An external GRPO trainer command with placeholders {train_file}, {init_checkpoint},
   * {output_dir}, {iteration}, {seed}.
   */
  public record ExternalTrainerSpec(
      java.util.List<String> command, String workingDir, Integer timeoutMinutes) {}

  public PolicySpec withDefaults() {
    return new PolicySpec(
        backend == null ? BUILTIN : backend,
        sftSteps == null ? 1500 : sftSteps,
        grpoSteps == null ? 60 : grpoSteps,
        batchSize == null ? 16 : batchSize,
        groupSize == null ? ModelDefaults.GROUP : groupSize,
        temperature == null ? ModelDefaults.TEMPERATURE : temperature,
        learningRate == null ? ModelDefaults.GRPO_LEARNING_RATE : learningRate,
        clipLow == null ? ModelDefaults.CLIP_LOW : clipLow,
        clipHigh == null ? ModelDefaults.CLIP_HIGH : clipHigh,
        klCoef == null ? ModelDefaults.KL_COEF : klCoef,
        updatesPerBatch == null ? ModelDefaults.GRPO_UPDATES_PER_BATCH : updatesPerBatch,
        checkpointEvery == null ? 50 : checkpointEvery,
        maxNewTokens == null ? ModelDefaults.MAX_ANSWER : maxNewTokens,
        seed == null ? ModelDefaults.SEED : seed,
        (model == null ? new ModelSpec(null, null, null, null, null, null, null) : model)
            .withDefaults(),
        external,
        prober);
  }
}

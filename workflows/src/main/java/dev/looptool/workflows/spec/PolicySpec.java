package dev.looptool.workflows.spec;

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
   * Sizes of the built-in model trained from scratch; unset sizes take the defaults, the same as
   * {@code policy sft}'s (d=128, 2 layers, 4 heads, vocabulary 1024, context 256, n-gram 6, call
   * index 8; see docs/policy.md).
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
          dModel == null ? 128 : dModel,
          layers == null ? 2 : layers,
          heads == null ? 4 : heads,
          vocab == null ? 1024 : vocab,
          maxSeq == null ? 256 : maxSeq,
          ngram == null ? 6 : ngram,
          callIndex == null ? 8 : callIndex);
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
        groupSize == null ? 8 : groupSize,
        temperature == null ? 1.0 : temperature,
        learningRate == null ? 2e-5 : learningRate,
        clipLow == null ? 0.2 : clipLow,
        clipHigh == null ? 0.28 : clipHigh,
        klCoef == null ? 0.0 : klCoef,
        updatesPerBatch == null ? 2 : updatesPerBatch,
        checkpointEvery == null ? 50 : checkpointEvery,
        maxNewTokens == null ? 96 : maxNewTokens,
        seed == null ? 1L : seed,
        (model == null ? new ModelSpec(null, null, null, null, null, null, null) : model)
            .withDefaults(),
        external,
        prober);
  }
}

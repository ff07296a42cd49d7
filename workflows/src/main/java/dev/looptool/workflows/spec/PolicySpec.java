package dev.looptool.workflows.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.policy.ModelDefaults;
import java.util.ArrayList;
import java.util.List;

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
    EndpointSpec prober)
    implements Defaultable<PolicySpec> {
  public static final String BUILTIN = "builtin";
  public static final String EXTERNAL = "external";

  /**
   * The built-in model trained with {@link ModelDefaults}' GRPO settings on the loop's own budget:
   * a 1500-step SFT warm-up before the loop and 60 GRPO batches of 16 prompts per iteration, far
   * less than the {@code policy} commands' 4000 and 300 steps. No external trainer or prober unless
   * named.
   */
  static final ObjectNode DEFAULTS =
      SpecDefaults.document()
          .put("backend", BUILTIN)
          .put("sftSteps", 1500)
          .put("grpoSteps", 60)
          .put("batchSize", 16)
          .put("groupSize", ModelDefaults.GROUP)
          .put("temperature", ModelDefaults.TEMPERATURE)
          .put("learningRate", ModelDefaults.GRPO_LEARNING_RATE)
          .put("clipLow", ModelDefaults.CLIP_LOW)
          .put("clipHigh", ModelDefaults.CLIP_HIGH)
          .put("klCoef", ModelDefaults.KL_COEF)
          .put("updatesPerBatch", ModelDefaults.GRPO_UPDATES_PER_BATCH)
          .put("checkpointEvery", 50)
          .put("maxNewTokens", ModelDefaults.MAX_ANSWER)
          .put("seed", ModelDefaults.SEED);

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
      Integer callIndex)
      implements Defaultable<ModelSpec> {
    static final ObjectNode DEFAULTS =
        SpecDefaults.document()
            .put("dModel", ModelDefaults.D_MODEL)
            .put("layers", ModelDefaults.LAYERS)
            .put("heads", ModelDefaults.HEADS)
            .put("vocab", ModelDefaults.VOCAB)
            .put("maxSeq", ModelDefaults.MAX_SEQ)
            .put("ngram", ModelDefaults.NGRAM)
            .put("callIndex", ModelDefaults.CALL_INDEX);

    @Override
    public ModelSpec withDefaults() {
      return SpecDefaults.fill(this, DEFAULTS);
    }
  }

  /**
   * An external GRPO trainer command with placeholders {train_file}, {init_checkpoint},
   * {output_dir}, {iteration}, {seed}.
   */
  public record ExternalTrainerSpec(
      List<String> command, String workingDir, Integer timeoutMinutes) {}

  @Override
  public PolicySpec withDefaults() {
    return SpecDefaults.fill(this, DEFAULTS);
  }

  /**
   * Problems of this spec after {@link #withDefaults()}, each prefixed with {@code path}, the field
   * that holds it ({@code policy} in a run spec); empty when valid.
   */
  public List<String> problems(String path) {
    List<String> p = new ArrayList<>();
    if (!BUILTIN.equals(backend) && !EXTERNAL.equals(backend)) {
      p.add(path + ".backend: must be 'builtin' or 'external', got '" + backend + "'");
    }
    if (EXTERNAL.equals(backend)) {
      if (external == null || external.command() == null || external.command().isEmpty()) {
        p.add(path + ".external.command: required when " + path + ".backend is 'external'");
      }
      if (prober == null) {
        p.add(
            path
                + ".prober: an OpenAI-compatible endpoint is required when "
                + path
                + ".backend is 'external'");
      }
    }
    if (groupSize < 2) {
      p.add(path + ".groupSize: GRPO needs at least 2 samples per prompt");
    }
    if (grpoSteps < 0 || sftSteps < 0) {
      p.add(path + ".grpoSteps/sftSteps: must not be negative");
    }
    if (clipLow < 0 || clipHigh < 0) {
      p.add(path + ".clipLow/clipHigh: must not be negative");
    }
    return p;
  }
}

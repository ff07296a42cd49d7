package dev.looptool.policy;

import dev.looptool.core.io.BadInputException;
import dev.looptool.core.policy.ModelDefaults;
import dev.looptool.policy.model.DecoderConfig;

/**
 * Everything a training run of the built-in policy needs to know, as one plain record a run spec
 * can hold. Sizes apply to a model trained from scratch; a run from an init checkpoint keeps that
 * checkpoint's sizes and tokenizer.
 *
 * @param steps optimizer steps of SFT, or prompt batches of GRPO
 * @param seed seeds weights, data order and sampling
 * @param batchSize sequences per SFT step; prompts per GRPO step
 * @param learningRate Adam step size
 * @param clipNorm global gradient-norm clip (0 turns it off)
 * @param group GRPO samples per prompt (G)
 * @param temperature GRPO sampling temperature
 * @param clipLow GRPO ratio clip below 1 (0.2)
 * @param clipHigh GRPO ratio clip above 1 (0.28)
 * @param klCoef weight of the KL term to the init policy (0 = off, the default)
 * @param updatesPerBatch GRPO optimizer updates per sampled batch
 * @param checkpointEvery steps between checkpoints (the last step always writes one)
 * @param keepCheckpoints how many step checkpoints to keep in the output directory
 * @param model the decoder to build when training from scratch; its {@code vocabSize} is the
 *     tokenizer's target (the tokenizer may stop short when the corpus runs out of pairs) and its
 *     {@code callIndex} applies only with a tokenizer that has call tokens
 * @param maxAnswer tokens reserved for the answer; prompts are cut to maxSeq - maxAnswer
 * @param probeBatch prompts decoded together when probing or evaluating
 * @param cpu force the CPU even when a GPU is visible
 */
public record PolicyConfig(
    int steps,
    long seed,
    int batchSize,
    double learningRate,
    double clipNorm,
    int group,
    double temperature,
    double clipLow,
    double clipHigh,
    double klCoef,
    int updatesPerBatch,
    int checkpointEvery,
    int keepCheckpoints,
    DecoderConfig model,
    int maxAnswer,
    int probeBatch,
    boolean cpu) {

  public PolicyConfig {
    require(steps >= 0, "steps", steps);
    require(batchSize >= 1, "batchSize", batchSize);
    require(learningRate > 0, "learningRate", learningRate);
    require(group >= 2, "group", group);
    require(temperature > 0, "temperature", temperature);
    require(clipLow > 0 && clipLow < 1, "clipLow", clipLow);
    require(clipHigh > 0, "clipHigh", clipHigh);
    require(klCoef >= 0, "klCoef", klCoef);
    require(updatesPerBatch >= 1, "updatesPerBatch", updatesPerBatch);
    require(checkpointEvery >= 1, "checkpointEvery", checkpointEvery);
    require(keepCheckpoints >= 1, "keepCheckpoints", keepCheckpoints);
    require(model != null, "model", model);
    require(maxAnswer >= 2 && maxAnswer < model.maxSeq(), "maxAnswer", maxAnswer);
    require(probeBatch >= 1, "probeBatch", probeBatch);
  }

  private static void require(boolean ok, String field, Object value) {
    if (!ok) {
      throw new BadInputException("policy config: " + field + ": invalid value " + value);
    }
  }

  /** The decoder a run trains from scratch unless told otherwise: {@link ModelDefaults}' sizes. */
  public static final DecoderConfig DEFAULT_MODEL =
      new DecoderConfig(
          ModelDefaults.VOCAB,
          ModelDefaults.D_MODEL,
          ModelDefaults.LAYERS,
          ModelDefaults.HEADS,
          ModelDefaults.MAX_SEQ,
          ModelDefaults.NGRAM,
          ModelDefaults.CALL_INDEX);

  /** SFT defaults: 4000 steps of batch 32, Adam 1e-3, clip 1.0, the default model. */
  public static PolicyConfig sftDefaults() {
    return common()
        .steps(4000)
        .batchSize(32)
        .learningRate(1e-3)
        .updatesPerBatch(1)
        .checkpointEvery(250)
        .build();
  }

  /**
   * GRPO defaults: 300 steps of 8 prompts, group 8, temperature 1.0, clip 0.2/0.28, no KL, 2
   * updates per batch, Adam 2e-5 (the measured rate, see {@link ModelDefaults#GRPO_LEARNING_RATE}).
   */
  public static PolicyConfig grpoDefaults() {
    return common()
        .steps(300)
        .batchSize(8)
        .learningRate(ModelDefaults.GRPO_LEARNING_RATE)
        .updatesPerBatch(ModelDefaults.GRPO_UPDATES_PER_BATCH)
        .checkpointEvery(50)
        .build();
  }

  /** What SFT and GRPO share; each phase sets its steps, batch, rate, updates and checkpoints. */
  private static Builder common() {
    return new Builder()
        .seed(ModelDefaults.SEED)
        .clipNorm(1.0)
        .group(ModelDefaults.GROUP)
        .temperature(ModelDefaults.TEMPERATURE)
        .clipLow(ModelDefaults.CLIP_LOW)
        .clipHigh(ModelDefaults.CLIP_HIGH)
        .klCoef(ModelDefaults.KL_COEF)
        .keepCheckpoints(2)
        .model(DEFAULT_MODEL)
        .maxAnswer(ModelDefaults.MAX_ANSWER)
        .probeBatch(64)
        .cpu(false);
  }

  /** A builder holding this config's values, to change some of them by name. */
  public Builder toBuilder() {
    return new Builder()
        .steps(steps)
        .seed(seed)
        .batchSize(batchSize)
        .learningRate(learningRate)
        .clipNorm(clipNorm)
        .group(group)
        .temperature(temperature)
        .clipLow(clipLow)
        .clipHigh(clipHigh)
        .klCoef(klCoef)
        .updatesPerBatch(updatesPerBatch)
        .checkpointEvery(checkpointEvery)
        .keepCheckpoints(keepCheckpoints)
        .model(model)
        .maxAnswer(maxAnswer)
        .probeBatch(probeBatch)
        .cpu(cpu);
  }

  /**
   * Sets a config's fields by name; {@link #build()} validates them together, so fields that
   * constrain each other (the model's context and the answer budget) can change in any order. Start
   * from {@link #sftDefaults()}, {@link #grpoDefaults()} or any config's {@link #toBuilder()}.
   */
  public static final class Builder {
    private int steps;
    private long seed;
    private int batchSize;
    private double learningRate;
    private double clipNorm;
    private int group;
    private double temperature;
    private double clipLow;
    private double clipHigh;
    private double klCoef;
    private int updatesPerBatch;
    private int checkpointEvery;
    private int keepCheckpoints;
    private DecoderConfig model;
    private int maxAnswer;
    private int probeBatch;
    private boolean cpu;

    private Builder() {}

    public Builder steps(int v) {
      steps = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder clipNorm(double v) {
      clipNorm = v;
      return this;
    }

    public Builder group(int v) {
      group = v;
      return this;
    }

    public Builder temperature(double v) {
      temperature = v;
      return this;
    }

    public Builder clipLow(double v) {
      clipLow = v;
      return this;
    }

    public Builder clipHigh(double v) {
      clipHigh = v;
      return this;
    }

    public Builder klCoef(double v) {
      klCoef = v;
      return this;
    }

    public Builder updatesPerBatch(int v) {
      updatesPerBatch = v;
      return this;
    }

    public Builder checkpointEvery(int v) {
      checkpointEvery = v;
      return this;
    }

    public Builder keepCheckpoints(int v) {
      keepCheckpoints = v;
      return this;
    }

    public Builder model(DecoderConfig v) {
      model = v;
      return this;
    }

    public Builder maxAnswer(int v) {
      maxAnswer = v;
      return this;
    }

    public Builder probeBatch(int v) {
      probeBatch = v;
      return this;
    }

    public Builder cpu(boolean v) {
      cpu = v;
      return this;
    }

    /** The config; throws IllegalArgumentException naming the first invalid field. */
    public PolicyConfig build() {
      return new PolicyConfig(
          steps,
          seed,
          batchSize,
          learningRate,
          clipNorm,
          group,
          temperature,
          clipLow,
          clipHigh,
          klCoef,
          updatesPerBatch,
          checkpointEvery,
          keepCheckpoints,
          model,
          maxAnswer,
          probeBatch,
          cpu);
    }
  }
}

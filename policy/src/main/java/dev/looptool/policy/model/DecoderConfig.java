package dev.looptool.policy.model;

/**
 * The size of the decoder: vocabulary, width, depth, heads, context length. The defaults are the
 * sizes that learnt tool-call copying fastest on a 2-core CPU (0.54M parameters).
 */
public record DecoderConfig(int vocabSize, int dModel, int layers, int heads, int maxSeq) {
  public DecoderConfig {
    if (vocabSize < 1 || dModel < 1 || layers < 1 || heads < 1 || maxSeq < 2) {
      throw new IllegalArgumentException("decoder sizes must be positive: " + this);
    }
    if (dModel % heads != 0) {
      throw new IllegalArgumentException("dModel " + dModel + " is not divisible by heads " + heads);
    }
  }

  public static DecoderConfig defaults(int vocabSize) {
    return new DecoderConfig(vocabSize, 128, 2, 4, 128);
  }

  public int headDim() {
    return dModel / heads;
  }

  /** The feed-forward width (four times the model width, as in GPT-2). */
  public int ffn() {
    return 4 * dModel;
  }
}

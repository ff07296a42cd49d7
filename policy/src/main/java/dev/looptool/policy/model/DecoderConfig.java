package dev.looptool.policy.model;

/**
 * The size of the decoder: vocabulary, width, depth, heads, context length, and {@code ngram}: the
 * input at each position sums the embeddings of its token and of the {@code ngram - 1} tokens
 * before it, each from a table of its own. Those n-gram inputs let one attention step find where
 * the current few tokens occurred in the request and copy what followed (an argument value,
 * digit by digit), which a small model otherwise learns only after long training: on the world's
 * data, held-out ToolMatch after 3,000 SFT steps rose from 38% (ngram 1) to 63% (3) and 73% (4).
 */
public record DecoderConfig(int vocabSize, int dModel, int layers, int heads, int maxSeq, int ngram) {
  /** N-gram inputs of a model trained from scratch unless configured otherwise. */
  public static final int DEFAULT_NGRAM = 4;

  public DecoderConfig {
    // Checkpoints written before n-gram inputs existed have no such field: they had none.
    ngram = ngram == 0 ? 1 : ngram;
    if (vocabSize < 1 || dModel < 1 || layers < 1 || heads < 1 || maxSeq < 2 || ngram < 1 || ngram > 8) {
      throw new IllegalArgumentException("decoder sizes must be positive (ngram 1..8): " + this);
    }
    if (dModel % heads != 0) {
      throw new IllegalArgumentException("dModel " + dModel + " is not divisible by heads " + heads);
    }
  }

  public int headDim() {
    return dModel / heads;
  }

  /** The feed-forward width (four times the model width, as in GPT-2). */
  public int ffn() {
    return 4 * dModel;
  }
}

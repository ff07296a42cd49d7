package dev.looptool.policy.model;

import dev.looptool.core.io.BadInputException;

/**
 * The size of the decoder: vocabulary, width, depth, heads, context length, and {@code ngram}: the
 * input at each position sums the embeddings of its token and of the {@code ngram - 1} tokens
 * before it, each from a table of its own. Those n-gram inputs let one attention step find where
 * the current few tokens occurred in the request and copy what followed (an argument value, digit
 * by digit), which a small model otherwise learns only after long training: on the world's data,
 * held-out ToolMatch after 3,000 SFT steps rose from 38% (ngram 1) to 63% (3) and 73% (4); with
 * call-index inputs, 5,000 steps gave 86.3% with 4 and 89.7% with 6 (whose keys also see "the same
 * for" before the value of a later parallel call), for about 8% more time per step.
 *
 * <p>{@code callIndex}: each position of the answer also embeds how many calls the answer has
 * opened so far ({@code <tool_call>} tokens after {@code <answer>}, capped at callIndex; 0 in the
 * prompt and before the first call), so the second of two calls knows it is the second and can look
 * for the second value ("X, and the same for Y"). Without it a small model copied the first call's
 * values into the next ones. 0 turns it off (and is what checkpoints written before it existed
 * had); it needs a tokenizer with call tokens.
 *
 * <p>The sizes a model trained from scratch takes are {@code ModelDefaults}' (in core).
 */
public record DecoderConfig(
    int vocabSize, int dModel, int layers, int heads, int maxSeq, int ngram, int callIndex) {
  public DecoderConfig {
    // Checkpoints written before n-gram inputs existed have no such field: they had none.
    ngram = ngram == 0 ? 1 : ngram;
    if (vocabSize < 1
        || dModel < 1
        || layers < 1
        || heads < 1
        || maxSeq < 2
        || ngram < 1
        || ngram > 8
        || callIndex < 0
        || callIndex > 64) {
      throw new BadInputException(
          "decoder sizes must be positive (ngram 1..8, callIndex 0..64): " + this);
    }
    if (dModel % heads != 0) {
      throw new BadInputException("dModel " + dModel + " is not divisible by heads " + heads);
    }
  }

  /** A decoder without call-index inputs. */
  public DecoderConfig(int vocabSize, int dModel, int layers, int heads, int maxSeq, int ngram) {
    this(vocabSize, dModel, layers, heads, maxSeq, ngram, 0);
  }

  public int headDim() {
    return dModel / heads;
  }

  /** The feed-forward width (four times the model width, as in GPT-2). */
  public int ffn() {
    return 4 * dModel;
  }
}

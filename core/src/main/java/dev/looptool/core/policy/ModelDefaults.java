package dev.looptool.core.policy;

/**
 * The built-in policy model's sizes and training settings, defined once: the policy module builds
 * its SFT and GRPO configs from them and the run spec, which cannot see the policy module, fills
 * its {@code policy} defaults from them. Settings that only the {@code policy} commands use (their
 * step counts and batches, the SFT warm-up recipe, checkpoint intervals) stay in {@code
 * PolicyConfig}. docs/policy.md tells how each was measured.
 */
public final class ModelDefaults {
  private ModelDefaults() {}

  // Sizes of a model trained from scratch: the measured small-model sizes (d=128, 2 layers, 4
  // heads) with a vocabulary and context that fit the world's default data. At vocabulary 1024 its
  // prompts are 95 tokens at the median and 169 at p90, its answers 27 and 56 (105 at p99);
  // vocabulary 512 with context 192 / answer 72 rejected a tenth of the samples and cut 44% of the
  // prompts.

  /** Tokenizer vocabulary (the tokenizer may stop short when the corpus runs out of pairs). */
  public static final int VOCAB = 1024;

  /** Model width. */
  public static final int D_MODEL = 128;

  /** Decoder blocks. */
  public static final int LAYERS = 2;

  /** Attention heads. */
  public static final int HEADS = 4;

  /** Context length in tokens, prompt and answer together. */
  public static final int MAX_SEQ = 256;

  /**
   * Tokens each position's input embeds, its own and those before it: with call-index inputs, 5,000
   * SFT steps gave 86.3% held-out ToolMatch with 4 and 89.7% with 6.
   */
  public static final int NGRAM = 6;

  /** Call indices an answer's positions embed (answers rarely hold more calls). */
  public static final int CALL_INDEX = 8;

  /** Answer tokens reserved in the context; prompts are cut to {@code MAX_SEQ - MAX_ANSWER}. */
  public static final int MAX_ANSWER = 96;

  // Training.

  /** Seeds weights, data order and sampling. */
  public static final long SEED = 1;

  /** GRPO samples per prompt (G). */
  public static final int GROUP = 8;

  /** GRPO sampling temperature. */
  public static final double TEMPERATURE = 1.0;

  /** GRPO ratio clip below 1 (LOOPTOOL.md's 0.2). */
  public static final double CLIP_LOW = 0.2;

  /** GRPO ratio clip above 1 (LOOPTOOL.md's 0.28). */
  public static final double CLIP_HIGH = 0.28;

  /** Weight of the KL term to the init policy: none, as in the paper. */
  public static final double KL_COEF = 0.0;

  /** GRPO optimizer updates per sampled batch. */
  public static final int GRPO_UPDATES_PER_BATCH = 2;

  /**
   * GRPO's Adam step size, the measured one: at 1e-4 a fresh Adam moves every weight by about the
   * rate each step whatever the sign of the little advantage a step carries, and held-out ToolMatch
   * fell (56.3% to 52.3% after 25 steps from an 800-step SFT model; after 100 steps about 110 of
   * 1,500 held-out answers had flipped each way); at 2e-5 it rose (51.3% to 53.0%, 52.5% and 53.5%
   * on three seeds after 300 steps).
   */
  public static final double GRPO_LEARNING_RATE = 2e-5;
}

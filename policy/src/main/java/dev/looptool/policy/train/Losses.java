package dev.looptool.policy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.looptool.policy.model.Decoder;
import dev.looptool.policy.text.Tokenizer;

/**
 * Teacher-forced passes over batches of token sequences: the per-token log-probabilities of each
 * sequence's continuation after its prompt, from which SFT's cross-entropy and GRPO's clipped
 * objective are built.
 */
public final class Losses {
  private Losses() {}

  /** A right-padded batch: inputs [B,T], targets [B,T,1], and the answer mask [B,T] (1 on answer targets). */
  public record Batch(NDArray inputs, NDArray targets, NDArray mask, int answerTokens, int inputTokens, int length) {}

  /**
   * Builds a batch from full sequences (prompt then answer) where only targets at index
   * {@code >= promptLen - 1} (those predicting answer tokens) count.
   */
  public static Batch batch(NDManager m, int[][] seqs, int[] promptLens) {
    int rows = seqs.length;
    int t = 0;
    for (int[] s : seqs) {
      t = Math.max(t, s.length - 1);
    }
    long[] in = new long[rows * t];
    long[] tg = new long[rows * t];
    float[] mask = new float[rows * t];
    int answer = 0;
    int inputs = 0;
    for (int r = 0; r < rows; r++) {
      int[] s = seqs[r];
      for (int j = 0; j + 1 < s.length; j++) {
        in[r * t + j] = s[j];
        tg[r * t + j] = s[j + 1];
        inputs++;
        if (j + 1 >= promptLens[r]) {
          mask[r * t + j] = 1f;
          answer++;
        }
      }
      for (int j = Math.max(0, s.length - 1); j < t; j++) {
        in[r * t + j] = Tokenizer.PAD;
        tg[r * t + j] = Tokenizer.PAD;
      }
    }
    return new Batch(
        m.create(in, new Shape(rows, t)),
        m.create(tg, new Shape(rows, t, 1)),
        m.create(mask, new Shape(rows, t)),
        answer,
        inputs,
        t);
  }

  /** Log-probabilities [B,T] of each target under softmax(logits / temperature). */
  public static NDArray targetLogProbs(Decoder dec, NDManager m, Batch b, double temperature) {
    NDArray logits = dec.forward(b.inputs(), Decoder.positions(m, b.length()), Decoder.causalBias(m, b.length()), null);
    if (temperature != 1.0) {
      logits = logits.div((float) temperature);
    }
    long rows = b.inputs().getShape().get(0);
    return logits.logSoftmax(2).gather(b.targets(), 2).reshape(rows, b.length());
  }

  /** Mean cross-entropy of the answer tokens (SFT). */
  public static NDArray crossEntropy(Decoder dec, NDManager m, Batch b) {
    NDArray lp = targetLogProbs(dec, m, b, 1.0);
    return lp.mul(b.mask()).sum().div((float) -Math.max(1, b.answerTokens()));
  }

  /**
   * The GRPO clipped surrogate, negated for minimisation and averaged over all answer tokens of the
   * batch: -mean(min(ρA, clip(ρ, 1-low, 1+high)A)) with ρ = exp(logp - oldLogp), plus
   * {@code klCoef} times the k3 estimate of KL(π‖π_ref) when a reference is given.
   */
  public static NDArray grpo(
      NDArray logp, NDArray oldLogp, NDArray advantages, Batch b, double clipLow, double clipHigh, NDArray refLogp, double klCoef) {
    NDArray ratio = logp.sub(oldLogp).exp();
    NDArray adv = advantages.reshape(advantages.getShape().get(0), 1);
    NDArray unclipped = ratio.mul(adv);
    NDArray clipped = ratio.clip(1 - clipLow, 1 + clipHigh).mul(adv);
    NDArray objective = unclipped.minimum(clipped);
    if (refLogp != null && klCoef > 0) {
      NDArray diff = refLogp.sub(logp);
      NDArray k3 = diff.exp().sub(diff).sub(1f);
      objective = objective.sub(k3.mul((float) klCoef));
    }
    return objective.mul(b.mask()).sum().div((float) -Math.max(1, b.answerTokens()));
  }
}

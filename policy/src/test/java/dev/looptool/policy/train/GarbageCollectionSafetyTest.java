package dev.looptool.policy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.looptool.policy.PolicyRuntime;
import dev.looptool.policy.model.Decoder;
import dev.looptool.policy.model.DecoderConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The autograd graph must own every tensor it saves for the backward pass. A tensor DJL builds from
 * a Java buffer borrows that buffer's memory; once its NDArray is closed, the garbage collector may
 * free and reuse the memory while the graph still reads it, and the gradients become garbage (seen
 * as runs that trained differently from the same seed, and a NaN).
 */
class GarbageCollectionSafetyTest {
  @Test
  void gradientsDoNotChangeWhenTheCollectorRunsBetweenForwardAndBackward() throws Exception {
    int[][] seqs = {{1, 5, 9, 13, 2, 17, 21}, {1, 6, 10, 3, 18, 22, 25}, {1, 7, 4, 19, 23}};
    int[] prompts = {4, 3, 2};
    try (NDManager root = PolicyRuntime.newManager(PolicyRuntime.device(true))) {
      JniUtils.setGradMode(false);
      Decoder dec = Decoder.initialise(new DecoderConfig(32, 16, 1, 2, 16, 3), root, new Rng(3));
      for (boolean grpo : new boolean[] {false, true}) {
        List<float[]> quiet = gradients(dec, root, seqs, prompts, grpo, false);
        List<float[]> churned = gradients(dec, root, seqs, prompts, grpo, true);
        for (int i = 0; i < quiet.size(); i++) {
          assertArrayEquals(
              quiet.get(i), churned.get(i), (grpo ? "grpo " : "sft ") + dec.names().get(i));
        }
      }
    }
  }

  /** SFT's cross-entropy, or GRPO's clipped objective at temperature 0.7 with a KL penalty. */
  private static NDArray loss(Decoder dec, NDManager m, Losses.Batch b, boolean grpo) {
    if (!grpo) {
      return Losses.crossEntropy(dec, m, b);
    }
    NDArray old =
        Losses.targetLogProbs(dec, m, b, 0.7)
            .stopGradient()
            .add(m.full(new Shape(b.answerTokens()), -0.05f));
    float[] adv = new float[b.answerTokens()];
    for (int k = 0; k < adv.length; k++) {
      adv[k] = b.answerRows()[k] % 2 == 0 ? 1f : -1f;
    }
    NDArray lp = Losses.targetLogProbs(dec, m, b, 0.7);
    return Losses.grpo(lp, old, m.create(adv), 0.2, 0.28, old, 0.1);
  }

  private static List<float[]> gradients(
      Decoder dec, NDManager root, int[][] seqs, int[] prompts, boolean grpo, boolean churn)
      throws InterruptedException {
    List<ByteBuffer> hold = null;
    List<float[]> out = new ArrayList<>();
    try (NDManager m = root.newSubManager()) {
      Losses.Batch b = Losses.batch(m, seqs, prompts);
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDArray loss = loss(dec, m, b, grpo);
        if (churn) {
          hold = overwriteFreedNativeMemory();
        }
        gc.backward(loss);
      }
      for (NDArray p : dec.parameters()) {
        try (NDArray g = p.getGradient()) {
          out.add(g.toFloatArray());
        }
        JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p);
      }
    }
    if (hold != null) {
      hold.clear();
    }
    return out;
  }

  /**
   * Lets the collector free unreachable direct buffers, then fills fresh ones (likely the same
   * memory) with 1e30.
   */
  private static List<ByteBuffer> overwriteFreedNativeMemory() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(30);
    }
    List<ByteBuffer> hold = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      ByteBuffer buf = ByteBuffer.allocateDirect(4 * (1 + i % 8)).order(ByteOrder.nativeOrder());
      while (buf.remaining() >= 4) {
        buf.putFloat(1e30f);
      }
      hold.add(buf);
    }
    return hold;
  }
}

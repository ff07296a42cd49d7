package dev.looptool.policy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.looptool.policy.PolicyRuntime;
import org.junit.jupiter.api.Test;

/** The batch layout and the GRPO objective against hand computations. */
class LossesTest {
  @Test
  void batchKeepsOnlyAnswerTargetsWithTheirRows() {
    try (NDManager m = PolicyRuntime.newManager(PolicyRuntime.device(true))) {
      // Row 0: prompt of 3 then 2 answer tokens; row 1: prompt of 2 then 1 answer token.
      Losses.Batch b =
          Losses.batch(m, new int[][] {{1, 10, 11, 20, 21}, {1, 12, 22}}, new int[] {3, 2});
      assertEquals(4, b.length());
      assertEquals(3, b.answerTokens());
      assertEquals(6, b.inputTokens());
      assertArrayEquals(new long[] {2, 3, 5}, b.answerIndex().toLongArray());
      assertArrayEquals(new long[] {20, 21, 22}, b.answerTargets().toLongArray());
      assertArrayEquals(new int[] {0, 0, 1}, b.answerRows());
      assertArrayEquals(new long[] {1, 10, 11, 20, 1, 12, 0, 0}, b.inputs().toLongArray());
    }
  }

  @Test
  void clippedObjectiveUsesSeparateLowAndHighClipAndAveragesOverAnswerTokens() {
    try (NDManager m = PolicyRuntime.newManager(PolicyRuntime.device(true))) {
      double[] ratios = {1.5, 0.5, 1.5, 0.5};
      float[] adv = {2f, 2f, -1f, -1f};
      float[] lp = new float[4];
      float[] old = new float[4];
      for (int i = 0; i < 4; i++) {
        old[i] = -1f;
        lp[i] = (float) (Math.log(ratios[i]) - 1);
      }
      NDArray loss = Losses.grpo(m.create(lp), m.create(old), m.create(adv), 0.2, 0.28, null, 0);
      // A=+2: min(1.5*2, 1.28*2)=2.56, min(0.5*2, 0.8*2)=1.0; A=-1: min(-1.5, -1.28)=-1.5,
      // min(-0.5, -0.8)=-0.8.
      double expected = -(2.56 + 1.0 - 1.5 - 0.8) / 4;
      assertEquals(expected, loss.getFloat(), 1e-5);
      NDArray withKl =
          Losses.grpo(m.create(lp), m.create(old), m.create(adv), 0.2, 0.28, m.create(old), 0.1);
      double kl = 0;
      for (int i = 0; i < 4; i++) {
        double d = old[i] - lp[i];
        kl += Math.exp(d) - d - 1;
      }
      assertEquals(expected + 0.1 * kl / 4, withKl.getFloat(), 1e-5);
    }
  }
}

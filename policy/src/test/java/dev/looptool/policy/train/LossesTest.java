package dev.looptool.policy.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.looptool.policy.PolicyRuntime;
import org.junit.jupiter.api.Test;

/** The GRPO objective against a hand computation. */
class LossesTest {
  @Test
  void clippedObjectiveUsesSeparateLowAndHighClipAndAveragesOverAnswerTokens() {
    try (NDManager m = PolicyRuntime.newManager(PolicyRuntime.device(true))) {
      // Two sequences of three target positions; the first position of each is prompt (mask 0).
      Losses.Batch b =
          new Losses.Batch(
              m.zeros(new Shape(2, 3)), m.zeros(new Shape(2, 3, 1)), m.create(new float[] {0, 1, 1, 0, 1, 1}, new Shape(2, 3)), 4, 6, 3);
      double[] ratios = {1.0, 1.5, 0.5, 1.0, 1.5, 0.5};
      float[] lp = new float[6];
      float[] old = new float[6];
      for (int i = 0; i < 6; i++) {
        old[i] = -1f;
        lp[i] = (float) (Math.log(ratios[i]) - 1);
      }
      NDArray adv = m.create(new float[] {2f, -1f});
      NDArray loss =
          Losses.grpo(m.create(lp, new Shape(2, 3)), m.create(old, new Shape(2, 3)), adv, b, 0.2, 0.28, null, 0);
      // A=+2: min(1.5*2, 1.28*2)=2.56, min(0.5*2, 0.8*2)=1.0; A=-1: min(-1.5, -1.28)=-1.5, min(-0.5, -0.8)=-0.8.
      double expected = -(2.56 + 1.0 - 1.5 - 0.8) / 4;
      assertEquals(expected, loss.getFloat(), 1e-5);
      NDArray withKl =
          Losses.grpo(m.create(lp, new Shape(2, 3)), m.create(old, new Shape(2, 3)), adv, b, 0.2, 0.28, m.create(old, new Shape(2, 3)), 0.1);
      double kl = 0;
      for (int i : new int[] {1, 2, 4, 5}) {
        double d = old[i] - lp[i];
        kl += Math.exp(d) - d - 1;
      }
      assertEquals(expected + 0.1 * kl / 4, withKl.getFloat(), 1e-5);
    }
  }
}

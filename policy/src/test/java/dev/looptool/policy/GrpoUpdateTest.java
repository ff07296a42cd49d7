package dev.looptool.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.looptool.policy.model.Decoder;
import dev.looptool.policy.model.DecoderConfig;
import dev.looptool.policy.train.Adam;
import dev.looptool.policy.train.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GRPO's update scores its rows in passes; how the rows are split must not change the update. */
class GrpoUpdateTest {
  static final DecoderConfig MODEL = new DecoderConfig(64, 16, 1, 2, 48, 3, 2);

  @Test
  void passesOfAnySizeGiveTheUpdateOfOnePass() {
    Rng data = new Rng(5);
    int rows = 11;
    int[][] prompts = new int[rows][];
    int[][] answers = new int[rows][];
    float[] adv = new float[rows];
    for (int i = 0; i < rows; i++) {
      prompts[i] = tokens(data, 3 + i % 5);
      answers[i] = tokens(data, 2 + (i * 7) % 9);
      adv[i] = i % 4 == 0 ? 0f : (float) (data.nextDouble() * 2 - 1); // some groups carry nothing
    }
    PolicyConfig cfg =
        TinyWorld.tiny(1).toBuilder().learningRate(1e-2).model(MODEL).maxAnswer(20).build();
    List<float[]> onePass = update(prompts, answers, adv, cfg, rows);
    List<float[]> inThrees = update(prompts, answers, adv, cfg, 3);
    List<float[]> start = update(prompts, answers, adv, cfg, 0);
    boolean moved = false;
    for (int w = 0; w < onePass.size(); w++) {
      for (int k = 0; k < onePass.get(w).length; k++) {
        assertEquals(onePass.get(w)[k], inThrees.get(w)[k], 1e-5, "weight " + w + "[" + k + "]");
        moved |= Math.abs(onePass.get(w)[k] - start.get(w)[k]) > 1e-4;
      }
    }
    assertTrue(moved, "the update changed no weight");
  }

  /** The weights after GRPO's updates with the given pass size (0: no update at all). */
  private static List<float[]> update(
      int[][] prompts, int[][] answers, float[] adv, PolicyConfig cfg, int rowsPerPass) {
    try (NDManager root = PolicyRuntime.newManager(PolicyRuntime.device(true))) {
      JniUtils.setGradMode(false);
      Decoder dec = Decoder.initialise(MODEL, root, new Rng(3));
      if (rowsPerPass > 0) {
        try (Adam adam = Adam.standard(root, dec.parameters())) {
          PolicyTrainer.grpoUpdate(dec, null, adam, root, prompts, answers, adv, cfg, rowsPerPass);
        }
      }
      List<float[]> w = dec.weights();
      dec.close();
      return w;
    }
  }

  private static int[] tokens(Rng rng, int n) {
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = 10 + (int) (rng.nextDouble() * 50);
    }
    return t;
  }
}

package dev.looptool.policy.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.looptool.policy.PolicyRuntime;
import org.junit.jupiter.api.Test;

class AdamTest {
  static void backward(NDArray w, float factor) {
    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      gc.backward(w.square().sum().mul(factor));
    }
  }

  @Test
  void firstStepMovesEachWeightByTheLearningRateAgainstItsGradient() {
    try (NDManager m = PolicyRuntime.newManager(PolicyRuntime.device(true))) {
      NDArray w = m.create(new float[] {1f, -2f, 0.5f});
      w.setRequiresGradient(true);
      NDList params = new NDList(w);
      try (Adam adam = Adam.standard(m, params)) {
        backward(w, 1f);
        adam.step(params, 0.1, 0);
        // Bias-corrected first Adam step: m/sqrt(v) = sign(g), so each weight moves by lr.
        assertArrayEquals(new float[] {0.9f, -1.9f, 0.4f}, w.toFloatArray(), 1e-5f);
        assertEquals(1, adam.updates());
      }
    }
  }

  @Test
  void aNonFiniteGradientIsSkippedAndLeavesWeightsAndMomentsAlone() {
    try (NDManager m = PolicyRuntime.newManager(PolicyRuntime.device(true))) {
      NDArray w = m.create(new float[] {1f, -2f});
      w.setRequiresGradient(true);
      NDList params = new NDList(w);
      try (Adam adam = Adam.standard(m, params)) {
        backward(w, Float.NaN);
        double norm = adam.step(params, 0.1, 1.0);
        assertTrue(Double.isNaN(norm));
        assertArrayEquals(new float[] {1f, -2f}, w.toFloatArray());
        assertEquals(0, adam.updates());
        assertEquals(1, adam.skipped());
        // The gradient was cleared: the next, finite step works as a first step.
        backward(w, 1f);
        adam.step(params, 0.1, 0);
        assertArrayEquals(new float[] {0.9f, -1.9f}, w.toFloatArray(), 1e-5f);
      }
    }
  }
}

package dev.looptool.policy.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.looptool.policy.model.Tensors;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with global-norm gradient clipping, its moments held in its own manager so a checkpoint can
 * save and restore them exactly (DJL's optimizers keep their state private).
 */
public final class Adam implements AutoCloseable {
  private final NDManager manager;
  private final List<NDArray> m = new ArrayList<>();
  private final List<NDArray> v = new ArrayList<>();
  private final double beta1;
  private final double beta2;
  private final double eps;
  private long t;
  private long skipped;

  public Adam(NDManager parent, NDList params, double beta1, double beta2, double eps) {
    this.manager = parent.newSubManager();
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    for (NDArray p : params) {
      m.add(manager.zeros(p.getShape()));
      v.add(manager.zeros(p.getShape()));
    }
  }

  public static Adam standard(NDManager parent, NDList params) {
    return new Adam(parent, params, 0.9, 0.999, 1e-8);
  }

  /** Updates taken so far (drives bias correction). */
  public long updates() {
    return t;
  }

  /**
   * One update from the gradients the last backward pass left on {@code params}, scaled down so
   * their global L2 norm is at most {@code clipNorm} (when positive); zeroes the gradients after.
   * Returns the gradient norm before clipping.
   */
  public double step(NDList params, double lr, double clipNorm) {
    t++;
    double norm;
    try (NDManager sm = manager.newSubManager()) {
      List<NDArray> grads = new ArrayList<>(params.size());
      NDArray sq = null;
      for (NDArray p : params) {
        NDArray g = p.getGradient();
        g.attach(sm); // the gradient handle would otherwise pile up in the weights' manager
        grads.add(g);
        NDArray s = g.square().sum();
        sq = sq == null ? s : sq.add(s);
      }
      norm = Math.sqrt(sq.getFloat());
      if (!Double.isFinite(norm)) {
        // An overflowing or NaN gradient would poison the moments and then every weight for good
        // (seen once in a 4000-step SFT run); the update is skipped instead, as mixed-precision
        // trainers do, and the caller sees the non-finite norm.
        t--;
        skipped++;
        zeroGradients(params);
        return norm;
      }
      double scale = clipNorm > 0 && norm > clipNorm ? clipNorm / (norm + 1e-6) : 1.0;
      double bc1 = 1 - Math.pow(beta1, t);
      double bc2 = 1 - Math.pow(beta2, t);
      float stepSize = (float) (lr / bc1);
      for (int i = 0; i < params.size(); i++) {
        NDArray g = grads.get(i);
        if (scale != 1.0) {
          g = g.mul((float) scale);
        }
        m.get(i).muli((float) beta1).addi(g.mul((float) (1 - beta1)));
        v.get(i).muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
        NDArray denom = v.get(i).div((float) bc2);
        denom.attach(sm);
        NDArray update = m.get(i).div(denom.sqrt().addi((float) eps));
        update.attach(
            sm); // created from m (first operand), so it would land in the optimizer's manager
        update.muli(stepSize);
        params.get(i).subi(update);
      }
    }
    zeroGradients(params);
    return norm;
  }

  private static void zeroGradients(NDList params) {
    for (NDArray p : params) {
      JniUtils.zeroGrad((PtNDArray) p);
    }
  }

  /** Updates skipped because the gradient was not finite. */
  public long skipped() {
    return skipped;
  }

  /** The moments as Java arrays: m of every weight, then v of every weight. */
  public List<float[]> state() {
    List<float[]> out = new ArrayList<>(2 * m.size());
    for (NDArray a : m) {
      out.add(a.toFloatArray());
    }
    for (NDArray a : v) {
      out.add(a.toFloatArray());
    }
    return out;
  }

  /** Restores the moments and update count saved by {@link #state()}. */
  public void restore(List<float[]> state, long updates) {
    if (state.size() != 2 * m.size()) {
      throw new IllegalArgumentException(
          "optimizer state has " + state.size() + " tensors, expected " + 2 * m.size());
    }
    for (int i = 0; i < m.size(); i++) {
      replace(m, i, state.get(i));
      replace(v, i, state.get(m.size() + i));
    }
    this.t = updates;
  }

  private void replace(List<NDArray> list, int i, float[] values) {
    NDArray old = list.get(i);
    NDArray fresh = Tensors.of(manager, values, old.getShape());
    list.set(i, fresh);
    old.close();
  }

  @Override
  public void close() {
    manager.close();
  }
}

package dev.looptool.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Tensors built from Java data, always in memory PyTorch owns.
 *
 * <p>On CPU, DJL's {@code NDManager.create(array)} wraps a direct Java buffer without copying: the
 * tensor borrows memory that the garbage collector frees once the NDArray is closed, even while
 * PyTorch still holds the tensor (the autograd graph saves its inputs for the backward pass). DJL's
 * arithmetic with a {@code Number} ({@code x.mul(0.5f)}) builds such a borrowed scalar and closes
 * it straight away, so inside a {@code GradientCollector} the backward pass then reads freed
 * memory: gradients turned into garbage whenever a collection ran between forward and backward
 * (runs from one seed trained differently; one SFT run went NaN). So the policy builds every tensor
 * it feeds from Java here, and never uses the {@code Number} overloads on anything that may be
 * differentiated.
 */
public final class Tensors {
  private Tensors() {}

  public static NDArray of(NDManager m, float[] data, Shape shape) {
    try (NDArray borrowed = m.create(data, shape)) {
      return borrowed.duplicate();
    }
  }

  public static NDArray of(NDManager m, long[] data, Shape shape) {
    try (NDArray borrowed = m.create(data, shape)) {
      return borrowed.duplicate();
    }
  }

  /** A float32 scalar, for arithmetic that the autograd graph may need to replay. */
  public static NDArray scalar(NDManager m, float value) {
    return m.full(new Shape(), value, DataType.FLOAT32);
  }

  /**
   * An int64 scalar, for arithmetic on token ids and counts (a float one would turn them into
   * floats).
   */
  public static NDArray scalar(NDManager m, long value) {
    try (NDArray borrowed = m.create(new long[] {value}, new Shape(1))) {
      return borrowed.reshape(new Shape()).duplicate();
    }
  }
}

package dev.looptool.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of every layer for the tokens decoded so far, [B,heads,T,headDim] each. The
 * arrays belong to the cache's own manager: each step's grown arrays are attached to it on purpose
 * and the previous step's are closed, so a long decode holds one copy, not one per step.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;

  public KvCache(NDManager parent, int layers) {
    this.manager = parent.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  NDArray appendKeys(int layer, NDArray k) {
    keys[layer] = grow(keys[layer], k);
    return keys[layer];
  }

  NDArray appendValues(int layer, NDArray v) {
    values[layer] = grow(values[layer], v);
    return values[layer];
  }

  private NDArray grow(NDArray old, NDArray add) {
    NDArray grown = old == null ? add.duplicate() : old.concat(add, 2);
    grown.attach(manager);
    if (old != null) {
      old.close();
    }
    return grown;
  }

  /** Number of cached positions. */
  public long length() {
    return keys[0] == null ? 0 : keys[0].getShape().get(2);
  }

  @Override
  public void close() {
    manager.close();
  }
}

package dev.looptool.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of every layer for the tokens decoded so far, [B,heads,T,headDim] each, and the
 * last few token ids (the decoder's n-gram inputs need them). The
 * arrays belong to the cache's own manager: each step's grown arrays are attached to it on purpose
 * and the previous step's are closed, so a long decode holds one copy, not one per step.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private NDArray history;

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

  /** The last ngram-1 token ids fed to the decoder [B, ngram-1], or null before the first step. */
  NDArray history() {
    return history;
  }

  void setHistory(NDArray h) {
    NDArray kept = h.duplicate();
    kept.attach(manager);
    if (history != null) {
      history.close();
    }
    history = kept;
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

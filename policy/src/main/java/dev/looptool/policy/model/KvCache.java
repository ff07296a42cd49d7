package dev.looptool.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of every layer for the tokens decoded so far, [B,heads,T,headDim] each, the last
 * few token ids (the decoder's n-gram inputs need them) and the running counts behind its call
 * indices. The arrays belong to the cache's own manager: each step's grown arrays are attached to
 * it on purpose and the previous step's are closed, so a long decode holds one copy, not one per
 * step.
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private NDArray history;
  private NDArray answerSeen;
  private NDArray callsOpened;

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
    history = keep(h, history);
  }

  /** Per row [B,1]: how many ANSWER tokens were fed so far, or null before the first step. */
  NDArray answerSeen() {
    return answerSeen;
  }

  /** Per row [B,1]: how many calls the answer has opened so far, or null before the first step. */
  NDArray callsOpened() {
    return callsOpened;
  }

  void setCallState(NDArray seen, NDArray opened) {
    answerSeen = keep(seen, answerSeen);
    callsOpened = keep(opened, callsOpened);
  }

  private NDArray keep(NDArray fresh, NDArray old) {
    NDArray kept = fresh.duplicate();
    kept.attach(manager);
    if (old != null) {
      old.close();
    }
    return kept;
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

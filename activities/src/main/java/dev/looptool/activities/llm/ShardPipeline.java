package dev.looptool.activities.llm;

import dev.looptool.activities.common.Heartbeats;
import dev.looptool.workflows.stages.StageProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Keeps a stage's model requests flowing while its shard is committed chunk by chunk: the items of
 * the chunk being written and up to {@code ahead} items after it are under way at once, so the
 * endpoints stay at their concurrency across chunk boundaries instead of draining at each one.
 * Results are taken in input order, so the chunks written are those a one-at-a-time stage writes.
 * While it waits for answers (a slow endpoint, every replica out of rotation) it heartbeats, so the
 * activity is neither timed out nor left deaf to cancellation. Closing it cancels what was started
 * and not taken (a chunk already committed by an earlier attempt is never asked for).
 */
final class ShardPipeline<T, R> implements AutoCloseable {
  /** How often a wait heartbeats; the SDK throttles what it sends to the service. */
  static final long BEAT_MS = 1_000;

  private final List<T> items;
  private final Function<T, CompletableFuture<R>> start;
  private final int ahead;
  private final Heartbeats heartbeats;
  private final String stage;
  private final int shard;
  private final int chunkSize;
  private final List<CompletableFuture<R>> started;
  private int next;

  /**
   * {@code ahead} 0 starts each item only when its chunk is processed, in order (for backends that
   * answer synchronously, which must see the calls in the order a sequential stage makes them).
   */
  ShardPipeline(
      List<T> items,
      Function<T, CompletableFuture<R>> start,
      int ahead,
      Heartbeats heartbeats,
      String stage,
      int shard,
      int chunkSize) {
    this.items = items;
    this.start = start;
    this.ahead = Math.max(0, ahead);
    this.heartbeats = heartbeats;
    this.stage = stage;
    this.shard = shard;
    this.chunkSize = chunkSize;
    this.started = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      started.add(null);
    }
  }

  /** 0, 1, ..., n-1: a shard's chunks are cut by position, the pipeline takes by position. */
  static List<Integer> positions(int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  /** The results of the consecutive items at {@code chunk}'s positions, in order. */
  List<R> take(List<Integer> chunk) throws Exception {
    return chunk.isEmpty() ? List.of() : take(chunk.get(0), chunk.get(chunk.size() - 1) + 1);
  }

  /** The results of items {@code from} (inclusive) to {@code to} (exclusive), in order. */
  List<R> take(int from, int to) throws Exception {
    next = Math.max(next, from);
    int until = (int) Math.min(items.size(), (long) to + ahead);
    while (next < until) {
      started.set(next, begin(items.get(next)));
      next++;
    }
    List<R> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      CompletableFuture<R> f = started.get(i);
      while (true) {
        try {
          out.add(f.get(BEAT_MS, TimeUnit.MILLISECONDS));
          break;
        } catch (TimeoutException waiting) {
          heartbeats.beat(
              new StageProgress(
                  stage,
                  shard,
                  from,
                  items.size(),
                  "chunk "
                      + (from / chunkSize + 1)
                      + ": "
                      + (i - from)
                      + " of "
                      + (to - from)
                      + " answered, waiting for the model endpoint",
                  null,
                  0));
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
      }
      started.set(i, null);
    }
    return out;
  }

  private CompletableFuture<R> begin(T item) {
    try {
      return start.apply(item);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Cancels every item started and not taken. */
  @Override
  public void close() {
    for (CompletableFuture<R> f : started) {
      if (f != null) {
        f.cancel(false);
      }
    }
  }

  /** A synchronous backend's answer as a future: computed now, on the calling thread. */
  static <V> CompletableFuture<V> now(Callable<V> work) {
    try {
      return CompletableFuture.completedFuture(work.call());
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}

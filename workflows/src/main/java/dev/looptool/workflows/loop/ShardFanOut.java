package dev.looptool.workflows.loop;

import dev.looptool.workflows.stages.ShardRef;
import dev.looptool.workflows.stages.ShardSet;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The sliding window of a sharded stage, in workflow code: one activity per shard with up to {@code
 * window} in flight; the next shard starts as soon as any running one finishes, so one slow shard
 * holds one slot, not a whole wave. Results come back in shard order. A failed shard fails the
 * stage at once, and no further shard starts. Deterministic (it only awaits promises).
 */
final class ShardFanOut {
  private ShardFanOut() {}

  /**
   * Starts {@code start} for every shard of {@code shards} and returns their results in shard
   * order; {@code onShardDone} runs (in workflow code) each time a shard completes.
   */
  static <R> List<R> run(
      ShardSet shards, int window, Function<ShardRef, Promise<R>> start, Runnable onShardDone) {
    int n = shards.count();
    int slots = Math.max(1, window);
    List<Promise<R>> started = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Workflow.await(() -> running(started) < slots || failed(started) != null);
      Promise<R> failed = failed(started);
      if (failed != null) {
        failed.get();
      }
      started.add(
          start
              .apply(shards.shard(i))
              .thenApply(
                  r -> {
                    onShardDone.run();
                    return r;
                  }));
    }
    Promise.allOf(started).get();
    List<R> out = new ArrayList<>(n);
    for (Promise<R> p : started) {
      out.add(p.get());
    }
    return out;
  }

  private static int running(List<? extends Promise<?>> shards) {
    int n = 0;
    for (Promise<?> p : shards) {
      n += p.isCompleted() ? 0 : 1;
    }
    return n;
  }

  /** The first shard that failed, or null. */
  private static <R> Promise<R> failed(List<Promise<R>> shards) {
    for (Promise<R> p : shards) {
      if (p.isCompleted() && p.getFailure() != null) {
        return p;
      }
    }
    return null;
  }

  /** "2/4": the shard's 1-based number of the stage's total, for activity summaries. */
  static String ofTotal(ShardRef shard, ShardSet shards) {
    return (shard.index() + 1) + "/" + shards.count();
  }
}

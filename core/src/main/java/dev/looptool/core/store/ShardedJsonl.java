package dev.looptool.core.store;

import dev.looptool.core.io.JsonlWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A stage's output split into shards {@code part-NNNNN.jsonl}. A shard exists under its final name
 * only once it is complete (it is renamed into place), so a retried writer skips finished shards
 * and redoes unfinished ones from scratch: no record is duplicated or lost.
 */
public record ShardedJsonl(ArtifactStore store, String dir) {
  /** Writes the records of one shard. */
  @FunctionalInterface
  public interface ShardBody {
    void writeTo(JsonlWriter out) throws IOException;
  }

  public String key(int shard) {
    return RunLayout.shard(dir, shard);
  }

  public boolean isComplete(int shard) {
    return store.exists(key(shard));
  }

  /** Writes shard {@code index} unless it is already complete; returns true when it wrote. */
  public boolean writeShard(int index, ShardBody body) throws IOException {
    return store.writeIfAbsent(
        key(index),
        out -> {
          try (JsonlWriter w = new JsonlWriter(out)) {
            body.writeTo(w);
          }
        });
  }

  /** The shard indices in {@code [0, count)} that are not complete yet. */
  public List<Integer> missing(int count) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!isComplete(i)) {
        out.add(i);
      }
    }
    return out;
  }

  /** The keys of all complete shards, in shard order. */
  public List<String> completeShards() throws IOException {
    List<String> out = new ArrayList<>();
    for (String k : store.list(dir)) {
      if (k.matches(".*/part-\\d{5}\\.jsonl")) {
        out.add(k);
      }
    }
    return out;
  }
}

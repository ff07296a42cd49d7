package dev.looptool.activities.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.workflows.stages.StageProgress;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Produces one shard's output in chunks that are each committed atomically ({@code
 * part-00003.jsonl.chunk-00002}), heartbeating after each; a retried attempt skips the chunks
 * already committed and continues. When all chunks exist they are joined into the shard ({@code
 * part-00003.jsonl}, atomically) and removed. Chunking is by input position, so a resumed shard is
 * byte-identical to an uninterrupted one when the work per chunk is deterministic.
 */
public final class ResumableShard<T> {

  /** Turns one chunk of inputs into output records. */
  @FunctionalInterface
  public interface ChunkWork<T> {
    List<ObjectNode> process(List<T> chunk) throws Exception;
  }

  private final ArtifactStore store;
  private final String shardKey;
  private final String stage;
  private final int shard;
  private final int chunkSize;

  public ResumableShard(
      ArtifactStore store, String shardKey, String stage, int shard, int chunkSize) {
    this.store = store;
    this.shardKey = shardKey;
    this.stage = stage;
    this.shard = shard;
    this.chunkSize = Math.max(1, chunkSize);
  }

  public boolean complete() {
    return store.exists(shardKey);
  }

  String chunkKey(int chunk) {
    return shardKey + String.format(".chunk-%05d", chunk);
  }

  /**
   * Runs the work over {@code inputs} unless the shard already exists. Returns true when it wrote.
   */
  public boolean run(List<T> inputs, ChunkWork<T> work, Heartbeats heartbeats) throws Exception {
    if (complete()) {
      return false;
    }
    store.removeTemporaries(shardKey);
    int chunks = Math.max(1, (inputs.size() + chunkSize - 1) / chunkSize);
    for (int c = 0; c < chunks; c++) {
      String key = chunkKey(c);
      if (!store.exists(key)) {
        List<T> part =
            inputs.subList(
                Math.min(inputs.size(), c * chunkSize),
                Math.min(inputs.size(), (c + 1) * chunkSize));
        RunFiles.writeRecords(store, key, work.process(part));
        if (complete()) {
          // Another attempt of this shard finished while this one worked: an attempt whose
          // heartbeats timed out on a stalled worker runs on beside its retry. Its chunk would
          // outlive the shard's clean-up, so it removes them itself and stops.
          deleteChunks(chunks);
          return false;
        }
      }
      heartbeats.beat(
          new StageProgress(
              stage,
              shard,
              Math.min(inputs.size(), (long) (c + 1) * chunkSize),
              inputs.size(),
              "chunk " + (c + 1) + "/" + chunks,
              null,
              0));
    }
    store.write(
        shardKey,
        os -> {
          byte[] buf = new byte[1 << 16];
          for (int c = 0; c < chunks; c++) {
            try (InputStream in = store.open(chunkKey(c))) {
              int n;
              while ((n = in.read(buf)) > 0) {
                os.write(buf, 0, n);
              }
            }
          }
        });
    deleteChunks(chunks);
    return true;
  }

  /**
   * Removes the chunks once the shard exists. With a late attempt still running, every chunk goes
   * either way: one it writes before this deletes it is deleted here; one it writes after, it sees
   * the shard exists and deletes itself.
   */
  private void deleteChunks(int chunks) throws IOException {
    for (int c = 0; c < chunks; c++) {
      store.delete(chunkKey(c));
    }
  }

  /** Reads every record of a finished shard. */
  public static List<ObjectNode> read(ArtifactStore store, String key) throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    try (JsonlReader r = JsonlReader.of(store.open(key), key)) {
      while (r.hasNext()) {
        JsonlReader.Line l = r.next();
        if (!l.ok() || !l.json().isObject()) {
          throw new IOException(key + ":" + l.number() + ": corrupt stage record: " + l.error());
        }
        out.add((ObjectNode) l.json());
      }
    }
    return out;
  }
}

package dev.looptool.activities.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.store.LocalArtifactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumableShardTest {
  static final String SHARD = "runs/r/iter-01/expand/outcomes-00000.jsonl";
  static final List<Integer> INPUTS = IntStream.range(0, 10).boxed().toList();

  static List<ObjectNode> records(List<Integer> chunk) {
    List<ObjectNode> out = new ArrayList<>();
    chunk.forEach(i -> out.add(Json.object().put("i", i)));
    return out;
  }

  static List<String> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * An attempt whose heartbeats timed out on a stalled worker runs on beside its retry: when the
   * retry finishes the shard while the late attempt works on a chunk, the late attempt's chunk must
   * not outlive the shard (a retried stage leaves exactly the files an uninterrupted one does).
   */
  @Test
  void aLateAttemptFinishingAChunkAfterTheShardIsDoneLeavesNoChunkBehind(@TempDir Path tmp)
      throws Exception {
    LocalArtifactStore clean = new LocalArtifactStore(tmp.resolve("clean"));
    new ResumableShard<Integer>(clean, SHARD, "expand", 0, 4)
        .run(INPUTS, ResumableShardTest::records, Heartbeats.none());

    LocalArtifactStore store = new LocalArtifactStore(tmp.resolve("raced"));
    ResumableShard<Integer> late = new ResumableShard<>(store, SHARD, "expand", 0, 4);
    ResumableShard<Integer> retry = new ResumableShard<>(store, SHARD, "expand", 0, 4);
    boolean lateWrote =
        late.run(
            INPUTS,
            chunk -> {
              if (chunk.get(0) == 4) {
                // While the late attempt works on its second chunk, the retry does the whole shard.
                assertTrue(retry.run(INPUTS, ResumableShardTest::records, Heartbeats.none()));
              }
              return records(chunk);
            },
            Heartbeats.none());

    assertFalse(lateWrote, "the late attempt stops once the shard exists");
    Path dir = store.path(SHARD).getParent();
    assertEquals(files(clean.path(SHARD).getParent()), files(dir));
    assertEquals(List.of("outcomes-00000.jsonl"), files(dir));
    assertEquals(Files.readString(clean.path(SHARD)), Files.readString(store.path(SHARD)));
  }
}

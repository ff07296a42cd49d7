package dev.looptool.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.io.SampleReader;
import dev.looptool.core.model.Sample;
import dev.looptool.core.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactStoreTest {

  @Test
  void writeIsAtomicAndHashed(@TempDir Path dir) throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    String key = new RunLayout("r1").manifest();
    String sha = store.write(key, out -> out.write("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Sha256.of("{\"a\":1}"), sha);
    assertEquals(sha, store.sha256(key));
    assertEquals(key, store.key(store.uri(key)));
    assertTrue(store.exists(key));
  }

  @Test
  void failedWriteLeavesNothingBehind(@TempDir Path dir) throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    String key = "runs/r1/world/tools.jsonl";
    assertThrows(
        IOException.class,
        () ->
            store.write(
                key,
                out -> {
                  out.write("partial".getBytes(StandardCharsets.UTF_8));
                  throw new IOException("worker died");
                }));
    assertFalse(store.exists(key));
    try (Stream<Path> files = Files.walk(dir)) {
      assertEquals(0, files.filter(Files::isRegularFile).count());
    }
  }

  /**
   * A writer killed between creating its temporary file and the rename left it behind; the write
   * that commits the key removes it (and only what belongs to that key).
   */
  @Test
  void aWriteRemovesWhatAKilledWriterOfTheSameKeyLeft(@TempDir Path dir) throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    Path runDir = Files.createDirectories(dir.resolve("runs/r"));
    Files.writeString(runDir.resolve("report.html.tmp-4d2ffe9f"), "<html>half");
    Files.writeString(runDir.resolve("summary.json.tmp-11111111"), "{");
    store.write("runs/r/report.html", os -> os.write("<html></html>".getBytes()));
    try (Stream<Path> s = Files.list(runDir)) {
      assertEquals(
          List.of("report.html", "summary.json.tmp-11111111"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void keysCannotEscapeTheStore(@TempDir Path dir) {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    assertThrows(IllegalArgumentException.class, () -> store.path("../outside"));
    assertThrows(IllegalArgumentException.class, () -> new RunLayout("../x"));
  }

  @Test
  void retriedShardWriterSkipsFinishedShardsAndRedoesUnfinishedOnes(@TempDir Path dir)
      throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    ShardedJsonl shards = new ShardedJsonl(store, new RunLayout("r1").iteration(1).probeDir());
    assertTrue(shards.writeShard(0, w -> w.write(Fixtures.weatherSample("a"))));
    // A worker dies in the middle of shard 1: nothing of it becomes visible.
    assertThrows(
        IOException.class,
        () ->
            shards.writeShard(
                1,
                w -> {
                  w.write(Fixtures.weatherSample("b"));
                  throw new IOException("killed");
                }));
    assertEquals(List.of(1, 2), shards.missing(3));
    // The retry rewrites what is missing and leaves shard 0 alone.
    int[] bodies = {0};
    for (int i = 0; i < 3; i++) {
      final int shard = i;
      shards.writeShard(
          i,
          w -> {
            bodies[0]++;
            w.write(Fixtures.weatherSample("s" + shard));
          });
    }
    assertEquals(2, bodies[0]);
    assertEquals(List.of(), shards.missing(3));
    List<String> keys = shards.completeShards();
    assertEquals(3, keys.size());
    List<Sample> first = SampleReader.readAll(store.path(keys.get(0)));
    assertEquals(List.of(Fixtures.weatherSample("a")), first);
    assertEquals(
        List.of(Fixtures.weatherSample("s1")), SampleReader.readAll(store.path(keys.get(1))));
  }

  @Test
  void directoryArtifactsReplaceAtomically(@TempDir Path dir) throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    String key = new RunLayout("r1").iteration(1).checkpoint();
    store.writeDirectory(key, d -> Files.writeString(d.resolve("weights.bin"), "v1"));
    store.writeDirectory(key, d -> Files.writeString(d.resolve("weights.bin"), "v2"));
    assertEquals("v2", Files.readString(store.path(key).resolve("weights.bin")));
    assertEquals(List.of("runs/r1/iter-01/checkpoint"), store.list("runs/r1/iter-01"));
  }

  @Test
  void temporariesOfInterruptedWritesAreRemovedOnlyForTheirKey(@TempDir Path dir)
      throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    Path probe = store.path("runs/r1/iter-01/probe");
    Files.createDirectories(probe);
    Files.writeString(probe.resolve("part-00000.jsonl.chunk-00001.tmp-dead"), "partial");
    Files.createDirectories(probe.resolve("part-00000.jsonl.tmp-dir"));
    Files.writeString(
        probe.resolve("part-00001.jsonl.tmp-live"), "another shard's write in progress");
    Files.writeString(probe.resolve("part-00000.jsonl.chunk-00000"), "committed");
    store.removeTemporaries("runs/r1/iter-01/probe/part-00000.jsonl");
    try (Stream<Path> s = Files.list(probe)) {
      assertEquals(
          List.of("part-00000.jsonl.chunk-00000", "part-00001.jsonl.tmp-live"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}

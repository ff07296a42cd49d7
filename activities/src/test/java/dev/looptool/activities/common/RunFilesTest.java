package dev.looptool.activities.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.model.Sample;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {

  @Test
  void aRangeReadsOnlyItsOwnSamplesAndReportsOnlyItsOwnBadLines(@TempDir Path dir)
      throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      sb.append(i == 1 ? "{broken" : SampleJson.toJson(Fixtures.weatherSample("s" + i)))
          .append('\n');
    }
    Files.createDirectories(store.path("runs/r"));
    Files.writeString(store.path("runs/r/train.jsonl"), sb.toString());

    List<Sample> shard = RunFiles.readRange(store, "runs/r/train.jsonl", 2, 4);
    assertEquals(List.of("s2", "s3"), shard.stream().map(Sample::id).toList());
    assertEquals(
        List.of("s5"),
        RunFiles.readRange(store, "runs/r/train.jsonl", 5, 100).stream().map(Sample::id).toList());

    // Bad input by its own type: activities report it as non-retryable (ActivityErrorsTest).
    BadDataException bad =
        assertThrows(
            BadDataException.class, () -> RunFiles.readRange(store, "runs/r/train.jsonl", 0, 2));
    assertTrue(bad.getMessage().contains("train.jsonl:2: $: malformed JSON"), bad.getMessage());
  }

  @Test
  void linesAreCountedWithoutDecodingAndAMissingFileHasNone(@TempDir Path dir) throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    assertEquals(0, RunFiles.countLines(store, "runs/r/missing.jsonl"));
    RunFiles.writeText(store, "runs/r/three.jsonl", "{}\n{broken\n[]\n");
    assertEquals(3, RunFiles.countLines(store, "runs/r/three.jsonl"));
    RunFiles.writeJson(store, "runs/r/summary.json", java.util.Map.of("samples", 3));
    assertEquals("{\n  \"samples\" : 3\n}", Files.readString(store.path("runs/r/summary.json")));
  }
}

package dev.looptool.activities.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.activities.common.RunFiles;
import dev.looptool.core.format.LoopToolRecords;
import dev.looptool.core.format.PyJson;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.core.testing.Fixtures;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.stages.SeedRequest;
import dev.looptool.workflows.stages.SeedResult;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A files run's seed stage reads the user's files in their dataset format, named or detected, and
 * writes what it could not use to the run's rejects with file, line and reason.
 */
class SeedFromFilesTest {
  @TempDir Path dir;

  private static String record(Sample s) {
    return PyJson.dumpsAscii(LoopToolRecords.toJson(LoopToolRecords.toRecord(s)));
  }

  private SeedResult seed(LocalArtifactStore store, String dataJson) throws Exception {
    RunSpec spec =
        Json.MAPPER.readValue("{\"data\": " + dataJson + "}", RunSpec.class).withDefaults();
    return new CpuActivitiesImpl(store, null, null).prepareSeed(new SeedRequest("r", spec));
  }

  @Test
  void theAuthorsRecordsSeedARunAndABadRecordIsRejectedWithItsLine() throws Exception {
    Path seedFile = dir.resolve("authors.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      lines.append(record(Fixtures.weatherSample("w" + i))).append('\n');
    }
    lines.append("{\"instruction\": \"x\", \"input\": \"hi\", \"output\": \"<tool_call>\"}\n");
    Files.writeString(seedFile, lines);
    Path testFile = dir.resolve("test.jsonl");
    Files.writeString(testFile, SampleJson.toJson(Fixtures.weatherSample("t")) + "\n");
    LocalArtifactStore store = new LocalArtifactStore(dir.resolve("store"));

    String data =
        "{\"source\": \"files\", \"seedFile\": \""
            + seedFile
            + "\", \"testFile\": \""
            + testFile
            + "\", \"format\": \"looptool\", \"testFormat\": \"samples\", \"initialSize\": 2}";
    SeedResult r = seed(store, data);
    assertEquals(4, r.pool().count());
    assertEquals(1, r.test().count());
    assertEquals(2, r.firstTrain().count());
    assertEquals(1, r.rejected());
    RunLayout layout = new RunLayout("r");
    List<Sample> pool = RunFiles.readAll(store, layout.seedPool());
    assertEquals("authors-000001", pool.get(0).id());
    assertEquals(
        Fixtures.weatherSample("w0").label(), pool.get(0).label(), "the label survives the format");
    String rejects = Files.readString(store.path(layout.seedPoolRejects()));
    assertTrue(rejects.contains("\"line\":5"), rejects);
    assertTrue(rejects.contains("<tool_call> block is not closed"), rejects);

    // Without format fields each file's format is detected; a retry writes the same bytes.
    byte[] before = Files.readAllBytes(store.path(layout.seedPool()));
    SeedResult again =
        seed(store, data.replace(", \"format\": \"looptool\", \"testFormat\": \"samples\"", ""));
    assertEquals(r, again);
    assertEquals(new String(before), new String(Files.readAllBytes(store.path(layout.seedPool()))));
  }

  @Test
  void anUnknownFormatFailsTheRunWithTheKnownNames() throws Exception {
    Path f = dir.resolve("s.jsonl");
    Files.writeString(f, SampleJson.toJson(Fixtures.weatherSample("a")) + "\n");
    LocalArtifactStore store = new LocalArtifactStore(dir.resolve("store"));
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                seed(
                    store,
                    "{\"source\": \"files\", \"seedFile\": \""
                        + f
                        + "\", \"testFile\": \""
                        + f
                        + "\", \"format\": \"parquet\"}"));
    assertTrue(e.isNonRetryable());
    assertTrue(
        e.getOriginalMessage().contains("unknown dataset format 'parquet' (known: "),
        e.getOriginalMessage());
  }
}

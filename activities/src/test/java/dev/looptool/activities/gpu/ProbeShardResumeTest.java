package dev.looptool.activities.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.looptool.activities.Attempt;
import dev.looptool.activities.RecordingStore;
import dev.looptool.activities.TinyRun;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.core.store.Sha256;
import dev.looptool.workflows.stages.GpuActivities;
import dev.looptool.workflows.stages.ProbeShardRequest;
import dev.looptool.workflows.stages.ProbeShardResult;
import dev.looptool.workflows.stages.StageProgress;
import io.temporal.failure.CanceledFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A probe shard whose worker is stopped after its first chunk: the chunk stays committed, the
 * heartbeat says how far it got, and the next attempt probes only the remaining chunks and writes
 * the same shard, byte for byte, as an attempt that was never interrupted.
 */
class ProbeShardResumeTest {
  private static final String PROBE_DIR = TinyRun.LAYOUT.iteration(1).probeDir();
  private static final String PART = RunLayout.shard(PROBE_DIR, 0);

  @TempDir Path interruptedDir;

  @Test
  void cancelledAfterTheFirstChunkResumesAtTheSecondAndWritesTheSameShard() throws Exception {
    TinyRun run = TinyRun.get();
    ProbeShardRequest request = TinyRun.probeRequest(run.seed, run.spec, 0);

    RecordingStore store = new RecordingStore(run.copyInto(interruptedDir, PROBE_DIR));
    GpuActivitiesImpl gpu = new GpuActivitiesImpl(store, null, null);
    StageProgress died;
    try (Attempt<GpuActivities> first = new Attempt<>(GpuActivities.class, gpu, null, true)) {
      // A cancellation must end the attempt as cancelled, not as a (retryable) failure.
      assertThrows(CanceledFailure.class, () -> first.run(a -> a.probeShard(request)));
      died = first.lastHeartbeat();
    }
    assertEquals(new StageProgress("probe", 0, 64, TinyRun.SHARD_SIZE, "chunk 1/2", null, 0), died);
    assertEquals(List.of(PART + ".chunk-00000"), store.written);
    assertEquals(List.of(PART + ".chunk-00000"), store.list(PROBE_DIR));
    String firstChunk = store.sha256(PART + ".chunk-00000");
    int firstChunkBytes = (int) Files.size(store.path(PART + ".chunk-00000"));

    store.written.clear();
    ProbeShardResult resumed;
    try (Attempt<GpuActivities> second = new Attempt<>(GpuActivities.class, gpu, died, false)) {
      resumed = second.run(a -> a.probeShard(request));
      // Its first heartbeat comes right after the committed chunk, which it skipped.
      assertEquals(
          new StageProgress("probe", 0, 64, TinyRun.SHARD_SIZE, "chunk 1/2", null, 0),
          second.heartbeats.get(0));
    }
    assertEquals(
        List.of(PART + ".chunk-00001", PART), store.written, "chunk 0 must not be probed again");
    assertEquals(List.of(PART), store.list(PROBE_DIR), "joined chunks are removed");

    // The template's shard 0 was probed by the same activity in one uninterrupted attempt.
    LocalArtifactStore template = new LocalArtifactStore(run.root);
    assertEquals(template.sha256(PART), store.sha256(PART));
    assertEquals(TinyRun.SHARD_SIZE, resumed.samples());
    // The committed chunk is the head of the joined shard, unchanged.
    byte[] joined = Files.readAllBytes(store.path(PART));
    assertEquals(firstChunk, Sha256.of(Arrays.copyOf(joined, firstChunkBytes)));
    assertEquals(run.probed, resumed);
  }
}

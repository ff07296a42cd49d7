package dev.looptool.activities.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.activities.Attempt;
import dev.looptool.activities.TinyRun;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.policy.train.Checkpoint;
import dev.looptool.workflows.stages.GpuActivities;
import dev.looptool.workflows.stages.StageProgress;
import dev.looptool.workflows.stages.TrainRequest;
import dev.looptool.workflows.stages.TrainResult;
import io.temporal.failure.CanceledFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training (GRPO, and the SFT warm-up) whose worker is stopped after its first step: the step
 * checkpoint stays, the heartbeat names it, and the next attempt continues at step 2 and ends with
 * the same checkpoint files, byte for byte, as a run that was never interrupted.
 */
class TrainResumeTest {
  private static final String OUT = TinyRun.LAYOUT.iteration(1).checkpoint();

  @TempDir Path interruptedDir;
  @TempDir Path freshDir;

  /**
   * GRPO of iteration 1 from π_0, or the SFT warm-up from scratch (as the workflow asks for them).
   */
  private static TrainRequest request(TinyRun run, String phase) {
    return "sft".equals(phase)
        ? new TrainRequest(
            TinyRun.RUN_ID, 0, "sft", run.seed.firstTrain().key(), null, OUT, run.spec.policy())
        : new TrainRequest(
            TinyRun.RUN_ID,
            1,
            "grpo",
            run.seed.firstTrain().key(),
            TinyRun.SFT_CHECKPOINT,
            OUT,
            run.spec.policy());
  }

  @ParameterizedTest
  @ValueSource(strings = {"grpo", "sft"})
  void cancelledAfterTheFirstStepResumesFromItsCheckpointAndEndsWithTheSameWeights(String phase)
      throws Exception {
    TinyRun run = TinyRun.get();
    long steps = "sft".equals(phase) ? run.spec.policy().sftSteps() : run.spec.policy().grpoSteps();
    assertTrue(
        steps >= 3 && run.spec.policy().checkpointEvery() == 1,
        "the test needs a checkpoint every step and steps left after one");
    TrainRequest request = request(run, phase);

    LocalArtifactStore store = run.copyInto(interruptedDir);
    GpuActivitiesImpl gpu = new GpuActivitiesImpl(store, null, null);
    StageProgress died;
    try (Attempt<GpuActivities> first = new Attempt<>(GpuActivities.class, gpu, null, true)) {
      // A cancellation must end the attempt as cancelled, not as a (retryable) failure.
      assertThrows(CanceledFailure.class, () -> first.run(a -> a.train(request)));
      died = first.lastHeartbeat();
    }
    assertNotNull(died);
    assertEquals(
        List.of(phase, 0, 1L, steps),
        List.of(died.stage(), died.shard(), died.done(), died.total()));
    assertTrue(died.detail().startsWith("loss "), died.detail());
    Path out = store.path(OUT);
    assertEquals(out.resolve(Checkpoint.stepDirName(1)).toString(), died.checkpoint());
    assertEquals(
        List.of(Checkpoint.stepDirName(1)),
        stepDirs(out),
        "the first step's checkpoint is committed, nothing after it");

    TrainResult resumed;
    try (Attempt<GpuActivities> second = new Attempt<>(GpuActivities.class, gpu, died, false)) {
      resumed = second.run(a -> a.train(request));
      assertEquals(
          2L,
          second.heartbeats.get(0).done(),
          "the resumed attempt starts after the committed step");
    }
    assertEquals(steps, resumed.steps());

    LocalArtifactStore fresh = run.copyInto(freshDir);
    TrainResult uninterrupted;
    try (Attempt<GpuActivities> once =
        new Attempt<>(GpuActivities.class, new GpuActivitiesImpl(fresh, null, null), null, false)) {
      uninterrupted = once.run(a -> a.train(request));
    }
    assertEquals(uninterrupted, resumed);
    assertEquals(stepDirs(fresh.path(OUT)), stepDirs(out));
    assertEquals(
        TinyRun.hashes(fresh.path(OUT)),
        TinyRun.hashes(out),
        "checkpoint files differ from an uninterrupted run");
  }

  private static List<String> stepDirs(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("step-"))
          .sorted()
          .toList();
    }
  }
}

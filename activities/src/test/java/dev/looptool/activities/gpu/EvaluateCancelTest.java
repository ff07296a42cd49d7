package dev.looptool.activities.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.looptool.activities.Attempt;
import dev.looptool.activities.TinyRun;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.workflows.stages.EvalRequest;
import dev.looptool.workflows.stages.GpuActivities;
import dev.looptool.workflows.stages.StageProgress;
import io.temporal.failure.CanceledFailure;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluation cancelled at its first heartbeat ends as cancelled. It used to catch every exception,
 * the SDK's cancellation included, and rethrow it wrapped: a cancelled evaluation became a
 * retryable failure, and the workflow's retry policy would run it again.
 */
class EvaluateCancelTest {
  @TempDir Path dir;

  @Test
  void aCancelledEvaluationIsCancelledNotFailed() {
    TinyRun run = TinyRun.get();
    LocalArtifactStore store = run.copyInto(dir);
    EvalRequest request =
        new EvalRequest(
            TinyRun.RUN_ID, 1, TinyRun.SFT_CHECKPOINT, run.seed.test().key(), run.spec.policy());
    GpuActivitiesImpl gpu = new GpuActivitiesImpl(store, null, null);
    try (Attempt<GpuActivities> attempt = new Attempt<>(GpuActivities.class, gpu, null, true)) {
      assertThrows(CanceledFailure.class, () -> attempt.run(a -> a.evaluate(request)));
      assertEquals(
          new StageProgress(
              "evaluate",
              0,
              run.seed.test().count(),
              run.seed.test().count(),
              "decoding the held-out test",
              TinyRun.SFT_CHECKPOINT,
              0),
          attempt.lastHeartbeat());
    }
    assertFalse(
        store.exists(TinyRun.LAYOUT.iteration(1).eval()), "a cancelled evaluation writes nothing");
  }
}

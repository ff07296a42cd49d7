package dev.looptool.activities.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.activities.trainer.TrainerException;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.io.LineError;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.workflows.stages.StageFailures;
import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityErrorsTest {
  private final ActivityErrors judge = ActivityErrors.at("judge", "r1").iteration(2).shard(3);

  @Test
  void namesStageShardIterationAndRun() {
    assertEquals("judge shard 3 of iteration 2 of run r1", judge.where());
    assertEquals("report of run r1", ActivityErrors.at("report", "r1").where());
  }

  @Test
  void applicationFailuresPassThroughSoTranslatingTwiceChangesNothing() {
    ApplicationFailure f = ApplicationFailure.newNonRetryableFailure("no", "Custom");
    assertSame(f, judge.translate(f));
    RuntimeException once = judge.translate(new IOException("disk"));
    assertSame(once, judge.translate(once));
  }

  @Test
  void cancellationPassesThroughEvenFromInsideAWrapper() {
    ActivityCanceledException cancelled = new ActivityCanceledException();
    assertSame(cancelled, judge.translate(cancelled));
    assertSame(cancelled, judge.translate(new RuntimeException("chunk 2", cancelled)));
    assertSame(
        cancelled,
        judge.translate(new UncheckedIOException(new IOException("while reading", cancelled))));
  }

  @Test
  void badInputIsNonRetryableByItsOwnType() {
    ApplicationFailure f =
        assertInstanceOf(
            ApplicationFailure.class,
            judge.translate(new BadInputException("judge.voters: must be at least 1")));
    assertEquals(StageFailures.BAD_INPUT, f.getType());
    assertTrue(f.isNonRetryable());
    assertEquals(
        "judge shard 3 of iteration 2 of run r1: judge.voters: must be at least 1",
        f.getOriginalMessage());

    BadDataException lines =
        new BadDataException(List.of(new LineError("train.jsonl", 7, "label", "required")));
    ApplicationFailure g = assertInstanceOf(ApplicationFailure.class, judge.translate(lines));
    assertEquals(StageFailures.BAD_INPUT, g.getType());
    assertTrue(g.getOriginalMessage().contains("train.jsonl:7: label: required"), g.toString());
  }

  @Test
  void aProgrammingErrorIsRetryableNeverBadInput() {
    ApplicationFailure f =
        assertInstanceOf(
            ApplicationFailure.class,
            judge.translate(new IllegalArgumentException("index 5 out of range")));
    assertFalse(f.isNonRetryable());
    assertEquals(IllegalArgumentException.class.getName(), f.getType());
    assertEquals(
        "judge shard 3 of iteration 2 of run r1: index 5 out of range", f.getOriginalMessage());
  }

  @Test
  void aTrainerThatCannotSucceedIsABackendRejection() {
    ApplicationFailure permanent =
        assertInstanceOf(
            ApplicationFailure.class,
            judge.translate(new TrainerException("bad flag", 2, false, null)));
    assertEquals(StageFailures.BACKEND_REJECTED, permanent.getType());
    assertTrue(permanent.isNonRetryable());
    ApplicationFailure transient_ =
        assertInstanceOf(
            ApplicationFailure.class,
            judge.translate(new TrainerException("out of memory", 137, true, "ckpt")));
    assertFalse(transient_.isNonRetryable());
    assertTrue(transient_.getOriginalMessage().contains("exited with 137 (retryable)"));
  }

  @Test
  void anInterruptKeepsTheThreadInterrupted() {
    judge.translate(new InterruptedException());
    assertTrue(Thread.interrupted(), "the interrupt flag is set again (and cleared here)");
  }

  /**
   * A worker started with another {@code --store} than the run's: its failure says so and is
   * retried (a worker with the run's store can take it), even where the missing file would have
   * read as bad input; with the run in the store, failures translate as before.
   */
  @Test
  void aWorkerWhoseStoreLacksTheRunSaysSoAndIsRetried(@TempDir Path tmp) throws Exception {
    LocalArtifactStore other = new LocalArtifactStore(tmp.resolve("other-store"));
    ActivityErrors merge = ActivityErrors.at("merge", "r1").iteration(1).inRunOf(other);
    for (Exception e :
        List.of(
            new java.nio.file.NoSuchFileException("runs/r1/iter-01/probe/part-00000.jsonl"),
            new BadInputException("runs/r1/seed/train.jsonl is empty"))) {
      ApplicationFailure f = assertInstanceOf(ApplicationFailure.class, merge.translate(e));
      assertEquals(StageFailures.WRONG_STORE, f.getType());
      assertFalse(f.isNonRetryable(), f.getMessage());
      assertTrue(f.getMessage().contains("merge of iteration 1 of run r1"), f.getMessage());
      assertTrue(
          f.getMessage().contains(other.path("runs/r1/manifest.json").toString()), f.getMessage());
      assertTrue(f.getMessage().contains("--store"), f.getMessage());
    }
    assertEquals(List.of(), other.list("runs"), "nothing was written into the other store");

    LocalArtifactStore own = new LocalArtifactStore(tmp.resolve("own-store"));
    own.write("runs/r1/manifest.json", os -> os.write("{}".getBytes()));
    ApplicationFailure bad =
        assertInstanceOf(
            ApplicationFailure.class,
            ActivityErrors.at("merge", "r1")
                .inRunOf(own)
                .translate(new BadInputException("runs/r1/seed/train.jsonl is empty")));
    assertEquals(StageFailures.BAD_INPUT, bad.getType());
  }

  /**
   * The report reads nothing that must exist, so on a worker with another {@code --store} it would
   * succeed and write into that store: it checks first, and fails as a wrong store, writing
   * nothing.
   */
  @Test
  void aStageThatNeedsNothingOfTheRunStillRefusesAStoreWithoutIt(@TempDir Path tmp)
      throws Exception {
    LocalArtifactStore other = new LocalArtifactStore(tmp.resolve("other-store"));
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> ActivityErrors.at("report", "r1").inRunOf(other).requireRun());
    assertEquals(StageFailures.WRONG_STORE, f.getType());
    assertFalse(f.isNonRetryable(), f.getMessage());
    assertTrue(
        f.getMessage().contains("report of run r1: this worker's store has no run r1"),
        f.getMessage());

    LocalArtifactStore own = new LocalArtifactStore(tmp.resolve("own-store"));
    own.write("runs/r1/manifest.json", os -> os.write("{}".getBytes()));
    ActivityErrors.at("report", "r1").inRunOf(own).requireRun();
  }
}

package dev.looptool.activities.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.policy.TrainingProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external trainer adapter, with small shell scripts playing the trainer. */
class ExternalTrainerTest {
  @TempDir Path dir;

  Path script(String body) throws Exception {
    Path s = dir.resolve("trainer.sh");
    Files.writeString(s, "#!/bin/sh\n" + body + "\n");
    return s;
  }

  TrainJob job() {
    return new TrainJob(
        dir.resolve("train.jsonl"),
        "base-ckpt",
        dir.resolve("out"),
        2,
        7,
        dir.resolve("logs/trainer.log"),
        dir.resolve("test.jsonl"),
        "Qwen/Qwen3-8B",
        "run-7");
  }

  ExternalTrainer trainer(Path script, long graceMs) {
    return new ExternalTrainer(
        new TrainerConfig(
            List.of(
                "sh",
                script.toString(),
                "--data={train_file}",
                "--init={init_checkpoint}",
                "--out={output_dir}",
                "--iter={iteration}",
                "--seed={seed}"),
            null,
            java.util.Map.of("LOOPTOOL_TEST_VAR", "x1"),
            java.util.Set.of(42),
            graceMs,
            60_000));
  }

  @Test
  void runsTheTemplateReadsProgressAndLogsTheRest() throws Exception {
    Path s =
        script(
            String.join(
                "\n",
                "echo \"$@ $LOOPTOOL_TEST_VAR\" > \"" + dir.resolve("args.txt") + "\"",
                "echo 'loading model' ",
                "echo '{\"phase\": \"grpo\", \"step\": 1, \"total_steps\": 2, \"loss\": 0.5, \"mean_reward\": 0.25}'",
                "echo 'warning: slow' >&2",
                "out=$(echo \"$3\" | sed 's/^--out=//'); mkdir -p \"$out/step-2\"",
                "echo \"{\\\"step\\\": 2, \\\"total_steps\\\": 2, \\\"loss\\\": 0.25, \\\"checkpoint\\\": \\\"$out/step-2\\\"}\"",
                "exit 0"));
    List<TrainingProgress> seen = new CopyOnWriteArrayList<>();
    TrainResult r = trainer(s, 1_000).train(job(), null, seen::add);
    String args = Files.readString(dir.resolve("args.txt")).strip();
    assertEquals(
        "--data="
            + dir.resolve("train.jsonl")
            + " --init=base-ckpt --out="
            + dir.resolve("out")
            + " --iter=2 --seed=7 x1",
        args);
    assertEquals(2, seen.size());
    assertEquals("grpo", seen.get(0).phase());
    assertEquals(0.25, seen.get(0).meanReward());
    assertNull(seen.get(0).checkpoint());
    assertEquals(dir.resolve("out/step-2").toString(), r.checkpoint());
    assertEquals(2, r.lastProgress().step());
    String log = Files.readString(r.logFile());
    assertTrue(log.contains("stdout: loading model"), log);
    assertTrue(log.contains("warning: slow"), log);
    assertFalse(log.contains("\"step\""), "progress lines are reports, not log lines");
  }

  @Test
  void exitCodesAreReadDeliberately() throws Exception {
    ExternalTrainer t =
        trainer(
            script(
                "echo '{\"step\": 5, \"checkpoint\": \"ck-5\"}'; echo 'CUDA error: busy' >&2; exit 75"),
            1_000);
    TrainerException e = assertThrows(TrainerException.class, () -> t.train(job(), null, p -> {}));
    assertEquals(75, e.exitCode());
    assertTrue(e.retryable());
    assertEquals("ck-5", e.lastCheckpoint());
    assertTrue(e.getMessage().contains("CUDA error: busy"), e.getMessage());

    TrainerException bad =
        assertThrows(
            TrainerException.class,
            () -> trainer(script("exit 3"), 1_000).train(job(), null, p -> {}));
    assertFalse(bad.retryable());
    assertTrue(trainer(script("exit 42"), 1_000).retryable(42), "configured as retryable");
    assertTrue(t.retryable(137));
    assertTrue(t.retryable(143));
    assertFalse(t.retryable(1));

    TrainerException empty =
        assertThrows(
            TrainerException.class,
            () -> trainer(script("exit 0"), 1_000).train(job(), null, p -> {}));
    assertTrue(empty.getMessage().contains("no checkpoint"), empty.getMessage());
  }

  @Test
  void aRetryResumesFromTheLatestCheckpoint() throws Exception {
    Path s =
        script(
            "echo \"$2\" > \""
                + dir.resolve("init.txt")
                + "\"; echo '{\"step\": 9, \"checkpoint\": \"ck-9\"}'");
    TrainResult r = trainer(s, 1_000).train(job(), "ck-5", p -> {});
    assertEquals("--init=ck-5", Files.readString(dir.resolve("init.txt")).strip());
    assertEquals("ck-9", r.checkpoint());
  }

  @Test
  void cancellationKillsTheWholeTree() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    // The trainer ignores SIGTERM, so the grace period runs out and SIGKILL is needed.
    Path s =
        script(
            String.join(
                "\n",
                "trap '' TERM",
                "sleep 300 &",
                "echo $! > \"" + pidFile + ".tmp\"; mv \"" + pidFile + ".tmp\" \"" + pidFile + "\"",
                "echo '{\"step\": 1}'",
                "while true; do sleep 1; done"));
    ExternalTrainer.Running run = trainer(s, 300).start(job(), null, p -> {});
    long childPid = waitForPid(pidFile);
    ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
    run.cancel();
    assertThrows(CancellationException.class, run::await);
    child.onExit().get(30, TimeUnit.SECONDS);
    assertFalse(child.isAlive());
    assertFalse(ProcessHandle.of(run.pid()).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void aTrainerPastItsTimeoutIsStoppedAndFailsRetryablyWithItsLatestCheckpoint() throws Exception {
    Path s = script("echo '{\"step\": 1, \"checkpoint\": \"/ck/1\"}'; sleep 300");
    TrainerException e =
        assertThrows(
            TrainerException.class,
            () ->
                trainer(s, 1_000).train(job(), null, p -> {}, java.time.Duration.ofMillis(1_500)));
    assertTrue(e.retryable(), e.getMessage());
    assertTrue(e.getMessage().contains("ran past policy.external.timeoutMinutes"), e.getMessage());
    assertEquals("/ck/1", e.lastCheckpoint());
  }

  @Test
  void aListenerThatThrowsStopsTheTrainer() throws Exception {
    Path s = script("echo '{\"step\": 1}'; sleep 300");
    RuntimeException cancelled = new IllegalStateException("activity cancelled");
    ExternalTrainer.Running run =
        trainer(s, 1_000)
            .start(
                job(),
                null,
                p -> {
                  throw cancelled;
                });
    RuntimeException e = assertThrows(RuntimeException.class, run::await);
    assertSame(cancelled, e);
    assertFalse(ProcessHandle.of(run.pid()).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void progressLineParsing() {
    assertNull(ExternalTrainer.progress("epoch 1 done"));
    assertNull(ExternalTrainer.progress("{\"msg\": \"not progress\"}"));
    assertNull(ExternalTrainer.progress("{broken"));
    TrainingProgress p =
        ExternalTrainer.progress(
            "{\"step\": 3, \"totalSteps\": 10, \"reward\": 0.5, \"tokens_per_second\": 1200}");
    assertEquals(3, p.step());
    assertEquals(10, p.totalSteps());
    assertEquals(0.5, p.meanReward());
    assertEquals(1200, p.tokensPerSecond());
    assertEquals("train", p.phase());
  }

  private static long waitForPid(Path f) throws Exception {
    for (int i = 0; i < 600 && !Files.exists(f); i++) {
      Thread.sleep(50);
    }
    return Long.parseLong(Files.readString(f).strip());
  }
}

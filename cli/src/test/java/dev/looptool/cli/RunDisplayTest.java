package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.workflows.loop.LoopStatus;
import dev.looptool.workflows.loop.OperatorRequests;
import dev.looptool.workflows.loop.ShardProgress;
import dev.looptool.workflows.loop.StageSpan;
import dev.looptool.workflows.stages.StageProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunDisplayTest {
  static LoopStatus status(String stage, int shardsDone, int shardsTotal) {
    return new LoopStatus(
        "r",
        2,
        3,
        stage,
        new ShardProgress(shardsDone, shardsTotal),
        new OperatorRequests(false, false),
        false,
        List.of());
  }

  static StageView.Running grpo(long step, double rate) {
    return new StageView.Running(
        "Train",
        1,
        new StageProgress("grpo", 0, step, 300, "loss 0.3100, reward 0.620", null, rate));
  }

  @Test
  void trainingShowsStepsRateAndEta() {
    StageView v = StageView.of(status("train", 0, 0), List.of(grpo(120, 4.0)));
    assertEquals(
        "[iteration 2/3] train  GRPO step 120/300 · loss 0.3100, reward 0.620 · 4.0 step/s · ETA 0:45",
        v.line());
  }

  @Test
  void aShardedStageAddsUpItsRunningShards() {
    StageView v =
        StageView.of(
            status("probe", 2, 8),
            List.of(
                new StageView.Running(
                    "ProbeShard", 1, new StageProgress("probe", 2, 50, 200, "chunk 1/4", null, 10)),
                new StageView.Running(
                    "ProbeShard",
                    1,
                    new StageProgress("probe", 3, 150, 200, "chunk 3/4", null, 15))));
    // 2 shards done + 0.25 + 0.75; left: 150 + 50 samples running, 4 shards of ~200 waiting, at
    // 25/s.
    assertEquals(3.0, v.done(), 1e-9);
    assertEquals(8, v.max());
    assertEquals((150 + 50 + 4 * 200) / 25.0, v.etaSeconds(), 1e-9);
    assertTrue(
        v.line()
            .startsWith(
                "[iteration 2/3] probe  2 shards running shards 3/8 · shard 4: 150/200 samples · 25 samples/s · ETA 0:40"),
        v.line());
  }

  @Test
  void plainOutputPrintsProgressAndOneLinePerFinishedStageWithItsDuration() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong();
    RunDisplay d =
        new RunDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, now::get, 0);
    d.show(StageView.of(status("train", 0, 0), List.of(grpo(10, 2.0))));
    now.addAndGet(3_000_000_000L);
    d.show(StageView.of(status("train", 0, 0), List.of(grpo(16, 2.0)))); // within 10 s: not printed
    now.addAndGet(60_000_000_000L);
    d.show(StageView.of(status("train", 0, 0), List.of(grpo(150, 2.2))));
    // The workflow's stage times: train ended, probe too (never seen running), judge runs.
    List<StageSpan> spans =
        List.of(
            new StageSpan(2, "train", 1_000, 66_000),
            new StageSpan(2, "probe", 66_000, 67_500),
            new StageSpan(2, "judge", 67_500, 0));
    d.finished(spans, 3);
    d.finished(spans, 3); // each stage once
    d.show(StageView.of(status("judge", 0, 4), List.of()));
    d.close();
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(
        List.of(
            "[iteration 2/3] train  GRPO step 10/300 · loss 0.3100, reward 0.620 · 2.0 step/s · ETA 2:25",
            "[iteration 2/3] train  GRPO step 150/300 · loss 0.3100, reward 0.620 · 2.2 step/s · ETA 1:08",
            "[iteration 2/3] train  done in 1:05",
            "[iteration 2/3] probe  done in 0:02",
            "[iteration 2/3] judge shards 0/4"),
        lines);
  }

  @Test
  void aTerminalGetsALiveBarWithTheEta() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunDisplay d =
        new RunDisplay(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), true, System::nanoTime, 160);
    d.show(StageView.of(status("train", 0, 0), List.of(grpo(120, 4.0))));
    d.finished(List.of(new StageSpan(2, "train", 0, 45_000)), 3);
    d.close();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("\r"), "redrawn in place: " + out);
    assertTrue(out.contains("[iteration 2/3] train  GRPO"), out);
    assertTrue(out.contains("120/300"), out);
    assertTrue(out.contains("4.0 step/s"), out);
    assertTrue(out.contains("0:00:45"), "the ETA: " + out);
    assertTrue(out.contains("[iteration 2/3] train  done in"), out);
  }
}

package dev.looptool.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys are the run's published layout (README, ARCHITECTURE.md): they must not move. */
class RunLayoutTest {
  private final RunLayout run = new RunLayout("r1");
  private final RunLayout.Iteration it = run.iteration(2);

  @Test
  void runLevelKeys() {
    assertEquals(
        List.of(
            "runs/r1/manifest.json",
            "runs/r1/world/tools.jsonl",
            "runs/r1/world/pool.jsonl",
            "runs/r1/world/test.jsonl",
            "runs/r1/world/truth.jsonl",
            "runs/r1/world/rejects.jsonl",
            "runs/r1/world/stats.json",
            "runs/r1/seed/pool.jsonl",
            "runs/r1/seed/test.jsonl",
            "runs/r1/seed/warmup.jsonl",
            "runs/r1/seed/rejects-pool.jsonl",
            "runs/r1/seed/rejects-test.jsonl",
            "runs/r1/sft/checkpoint",
            "runs/r1/summary.json",
            "runs/r1/report.html"),
        List.of(
            run.manifest(),
            run.worldTools(),
            run.worldPool(),
            run.worldTest(),
            run.worldTruth(),
            run.worldRejects(),
            run.worldStats(),
            run.seedPool(),
            run.seedTest(),
            run.seedWarmup(),
            run.seedPoolRejects(),
            run.seedTestRejects(),
            run.sftCheckpoint(),
            run.summary(),
            run.report()));
  }

  @Test
  void iterationKeys() {
    assertEquals(
        List.of(
            "runs/r1/iter-02/train.jsonl",
            "runs/r1/iter-02/checkpoint",
            "runs/r1/iter-02/probe/part-00003.jsonl",
            "runs/r1/iter-02/judge/part-00003.jsonl",
            "runs/r1/iter-02/errors.jsonl",
            "runs/r1/iter-02/both-wrong.jsonl",
            "runs/r1/iter-02/expand/part-00003.jsonl",
            "runs/r1/iter-02/expand/outcomes-00003.jsonl",
            "runs/r1/iter-02/expand/rejects-00003.jsonl",
            "runs/r1/iter-02/expand/truth-00003.jsonl",
            "runs/r1/iter-02/quarantine.jsonl",
            "runs/r1/iter-02/eval.json"),
        List.of(
            it.train(),
            it.checkpoint(),
            it.probeShard(3),
            it.judgeShard(3),
            it.errors(),
            it.bothWrong(),
            it.expandShard(3),
            it.expandOutcomes(3),
            it.expandRejects(3),
            it.expandTruth(3),
            it.quarantine(),
            it.eval()));
  }

  @Test
  void expansionTruthFilesAreRecognised() {
    assertTrue(RunLayout.isExpandTruth(it.expandTruth(0)));
    assertFalse(RunLayout.isExpandTruth(it.expandRejects(0)));
    assertFalse(RunLayout.isExpandTruth(run.worldTruth()));
  }
}

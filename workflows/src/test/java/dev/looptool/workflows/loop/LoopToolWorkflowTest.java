package dev.looptool.workflows.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.looptool.workflows.TaskQueues;
import dev.looptool.workflows.spec.Ablations;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.stages.MergeRequest;
import dev.looptool.workflows.stages.TrainRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoopToolWorkflowTest extends RecordedLoopTest {

  private static RunSpec spec(int iterations, Ablations ablations) {
    return LoopToolHistories.spec("t", iterations, ablations, 200, 2);
  }

  private LoopToolWorkflow stub(String id) {
    return client.newWorkflowStub(
        LoopToolWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TaskQueues.WORKFLOW).build());
  }

  @Test
  void fullLoopRunsEveryStageInOrderAndContinuesAsNewEachIteration() {
    LoopResult result = stub("full").run(spec(2, null), null);
    assertEquals(2, result.iterationsCompleted());
    assertFalse(result.stoppedEarly());
    // D_1 has 400 samples and shards hold 200: two shards per sharded stage.
    assertEquals(
        List.of(
            "PrepareSeed",
            "Train:sft:0",
            "Train:grpo:1",
            "ProbeShard:1:0",
            "ProbeShard:1:1",
            "JudgeShard:1:0",
            "JudgeShard:1:1",
            "Correct:1",
            "ExpandShard:1:0",
            "ExpandShard:1:1",
            "Merge:1",
            "Evaluate:1",
            "Train:grpo:2",
            "ProbeShard:2:0",
            "ProbeShard:2:1",
            "JudgeShard:2:0",
            "JudgeShard:2:1",
            "Correct:2",
            "ExpandShard:2:0",
            "ExpandShard:2:1",
            "Merge:2",
            "Evaluate:2",
            "Report:2"),
        shardOrder(acts.calls));
    IterationSummary first = result.iterations().get(0);
    assertEquals(140, first.probe().mastered());
    assertEquals(40L, first.verification().judge().verdicts().get("PRED_WRONG"));
    assertEquals(0.6, first.eval().accuracy(), 1e-9);
    // The budget defaults to |D_1| and SeedNew halves: 400 → 200 fresh seed samples.
    MergeRequest m1 =
        (MergeRequest)
            acts.requests.stream().filter(r -> r instanceof MergeRequest).findFirst().orElseThrow();
    assertEquals(400, m1.schedule().budget());
    assertEquals(400, m1.schedule().lastSeedTaken());
    assertEquals(200, first.composition().seedNew());
    // Iteration 2 trains on D_2 from merge 1, starting from π_1.
    TrainRequest second = trainRequest(2);
    assertTrue(second.trainKey().endsWith("iter-02/train.jsonl"), second::toString);
    assertTrue(second.initCheckpoint().endsWith("iter-01/checkpoint"), second::toString);
    // Each iteration is its own run in the chain.
    WorkflowStub untyped = client.newUntypedWorkflowStub("full");
    String lastRun = untyped.getExecution().getRunId();
    assertTrue(client.fetchHistory("full", lastRun).getHistory().getEventsCount() > 0);
  }

  /** The request that trained iteration {@code iteration}. */
  private TrainRequest trainRequest(int iteration) {
    return acts.requests.stream()
        .filter(r -> r instanceof TrainRequest t && t.iteration() == iteration)
        .map(TrainRequest.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no training of iteration " + iteration));
  }

  /**
   * Shards of one stage run concurrently and finish in any order: sort each run of them by shard.
   */
  private static List<String> shardOrder(List<String> calls) {
    List<String> out = new java.util.ArrayList<>();
    int i = 0;
    while (i < calls.size()) {
      String group = calls.get(i).substring(0, calls.get(i).lastIndexOf(':') + 1);
      int k = i;
      while (k < calls.size()
          && calls.get(k).contains("Shard:")
          && calls.get(k).startsWith(group)) {
        k++;
      }
      if (k == i) {
        out.add(calls.get(i++));
        continue;
      }
      out.addAll(calls.subList(i, k).stream().sorted().toList());
      i = k;
    }
    return out;
  }

  @Test
  void aSlowShardHoldsOneSlotOfTheWindowAndTheNextShardsStartMeanwhile() {
    // D_1 = 400 in shards of 100: four probe shards, two in flight. Shard 0 stays busy until
    // shard 2 has started, which a fan-out in fixed waves of two would never do.
    acts.holdProbeShard = 0;
    acts.releasingProbeShard = 2;
    LoopResult result = stub("window").run(fourShardsTwoInFlight(), null);
    List<String> events = acts.probeEvents;
    assertTrue(events.contains("start:2") && events.contains("end:0"), events::toString);
    assertTrue(
        events.indexOf("start:2") < events.indexOf("end:0"),
        () -> "shard 2 waited for the slow shard 0: " + events);
    assertEquals(2, acts.maxProbesRunning.get(), () -> "not two in flight at most: " + events);
    // Every shard's result counts, whatever order they finished in.
    assertEquals(4 * 70, result.iterations().get(0).probe().mastered());
  }

  @Test
  void aFailedShardFailsTheStageAndNoFurtherShardStarts() {
    // Shard 1 fails while shard 0 is still busy: its slot frees, but the stage has failed.
    acts.holdProbeShard = 0;
    acts.failingProbeShard = 1;
    try {
      WorkflowFailedException e =
          assertThrows(
              WorkflowFailedException.class,
              () -> stub("failing").run(fourShardsTwoInFlight(), null));
      assertInstanceOf(io.temporal.failure.ActivityFailure.class, e.getCause());
      // The shard ran in the stage child; the run fails with the shard's own failure and type.
      ApplicationFailure cause =
          assertInstanceOf(ApplicationFailure.class, e.getCause().getCause());
      assertEquals("BadInput", cause.getType());
    } finally {
      acts.releaseProbeShard.countDown();
    }
    assertFalse(acts.calls.contains("ProbeShard:1:2"), acts.calls::toString);
    assertFalse(acts.calls.contains("ProbeShard:1:3"), acts.calls::toString);
    assertTrue(acts.probeEvents.contains("failed:1"), acts.probeEvents::toString);
  }

  @Test
  void theLoopsHistoryPerIterationDoesNotGrowWithTheShardCount() {
    // D_1 = 400: 2 shards of 200 and 16 shards of 25; each sharded stage runs in a child.
    stub("two").run(LoopToolHistories.spec("t", 1, null, 200, 2), null);
    stub("sixteen").run(LoopToolHistories.spec("t", 1, null, 25, 2), null);
    WorkflowExecutionHistory two = client.fetchHistory("two");
    WorkflowExecutionHistory sixteen = client.fetchHistory("sixteen");
    assertEquals(eventTypes(two), eventTypes(sixteen));
    assertEquals(two.getEvents().size(), sixteen.getEvents().size());
    // The shards' activities are in the children, which grow with the shard count instead.
    assertEquals(0, scheduledShards(two));
    assertEquals(0, scheduledShards(sixteen));
    assertEquals(16, scheduledShards(client.fetchHistory("sixteen-i01-probe")));
    assertEquals(2, scheduledShards(client.fetchHistory("two-i01-probe")));
  }

  @Test
  void theStatusNamesTheRunningStageChildWhoseQueryCountsItsShards() throws Exception {
    // Shard 0 of four stays busy until released; shards 1-3 finish meanwhile (two in flight).
    acts.holdProbeShard = 0;
    acts.holdSeconds = 120;
    LoopToolWorkflow wf = stub("progress");
    WorkflowClient.start(wf::run, fourShardsTwoInFlight(), null);
    ShardedStageWorkflow child =
        client.newWorkflowStub(ShardedStageWorkflow.class, "progress-i01-probe");
    try {
      ShardProgress p = null;
      for (int i = 0; i < 600 && (p == null || p.done() < 3); i++) {
        Thread.sleep(50);
        try {
          p = child.progress();
        } catch (RuntimeException notStartedYet) {
          // the child starts when probing does
        }
      }
      assertEquals(new ShardProgress(3, 4, "progress-i01-probe"), p);
      LoopStatus s = wf.status();
      assertEquals("probe", s.stage());
      assertEquals("progress-i01-probe", s.shards().stageRun());
      assertEquals(4, s.shards().total());
      assertEquals(p, s.withShards(child.progress()).shards());
    } finally {
      acts.releaseProbeShard.countDown();
    }
    client.newUntypedWorkflowStub("progress").getResult(LoopResult.class);
    assertEquals(null, wf.status().shards().stageRun());
    assertEquals(new ShardProgress(4, 4, "progress-i01-probe"), child.progress());
  }

  @Test
  void cancellingTheRunCancelsTheRunningStageChild() throws Exception {
    acts.holdProbeShard = 0;
    acts.holdSeconds = 120;
    WorkflowClient.start(stub("cancel")::run, fourShardsTwoInFlight(), null);
    WorkflowStub child = client.newUntypedWorkflowStub("cancel-i01-probe");
    try {
      for (int i = 0; i < 600 && !acts.probeEvents.contains("start:0"); i++) {
        Thread.sleep(50);
      }
      client.newUntypedWorkflowStub("cancel").cancel();
      WorkflowFailedException loop =
          assertThrows(
              WorkflowFailedException.class,
              () -> client.newUntypedWorkflowStub("cancel").getResult(LoopResult.class));
      assertInstanceOf(io.temporal.failure.CanceledFailure.class, loop.getCause());
      WorkflowFailedException stage =
          assertThrows(WorkflowFailedException.class, () -> child.getResult(Object.class));
      assertInstanceOf(io.temporal.failure.CanceledFailure.class, stage.getCause());
    } finally {
      acts.releaseProbeShard.countDown();
    }
    assertFalse(acts.calls.contains("Correct:1"), acts.calls::toString);
  }

  /** The event types of a history, sorted, so that batching order does not matter. */
  private static List<String> eventTypes(WorkflowExecutionHistory h) {
    return h.getEvents().stream().map(e -> e.getEventType().name()).sorted().toList();
  }

  private static long scheduledShards(WorkflowExecutionHistory h) {
    return h.getEvents().stream()
        .filter(e -> e.hasActivityTaskScheduledEventAttributes())
        .filter(
            e ->
                e.getActivityTaskScheduledEventAttributes()
                    .getActivityType()
                    .getName()
                    .endsWith("Shard"))
        .count();
  }

  /**
   * Starts run {@code id} of {@code iterations} iterations and returns its stub once the training
   * of iteration 1 has started; that training finishes when the test counts {@code acts.release}
   * down.
   */
  private LoopToolWorkflow startedAndTrainingIteration1(String id, int iterations)
      throws InterruptedException {
    acts.blockTrainOfIteration = 1;
    LoopToolWorkflow wf = stub(id);
    WorkflowClient.start(wf::run, spec(iterations, null), null);
    assertTrue(acts.trainStarted.await(30, TimeUnit.SECONDS));
    return wf;
  }

  /** D_1 = 400 in probe shards of 100, two in flight; one iteration. */
  private static RunSpec fourShardsTwoInFlight() {
    return LoopToolHistories.spec("t", 1, null, 100, 2);
  }

  @Test
  void ablationSwitchesChangeWhichStagesRun() {
    stub("nojglv").run(spec(1, new Ablations(true, false, false, false)), null);
    assertFalse(acts.calls.stream().anyMatch(c -> c.startsWith("JudgeShard")));
    assertTrue(acts.calls.contains("Correct:1:nojglv"));

    acts.calls.clear();
    stub("noedde").run(spec(1, new Ablations(false, true, false, false)), null);
    assertTrue(acts.calls.contains("ExpandShard:1:0:repeat"));

    acts.calls.clear();
    stub("static").run(spec(2, new Ablations(false, false, false, true)), null);
    assertEquals(List.of("PrepareSeed", "Train", "Evaluate", "Report"), acts.stages());
    TrainRequest second = trainRequest(2);
    assertTrue(second.trainKey().endsWith("iter-01/train.jsonl"), second::toString);
  }

  @Test
  void pauseHoldsTheRunBeforeItsNextStageAndResumeReleasesIt() throws Exception {
    LoopToolWorkflow wf = startedAndTrainingIteration1("pause", 1);
    wf.pause();
    acts.release.countDown();
    // The workflow must not schedule probing while paused.
    env.sleep(java.time.Duration.ofMinutes(5));
    LoopStatus s = wf.status();
    assertTrue(s.requests().paused());
    assertEquals("paused", s.stage());
    assertFalse(acts.calls.stream().anyMatch(c -> c.startsWith("ProbeShard")));
    wf.resume();
    LoopResult r = client.newUntypedWorkflowStub("pause").getResult(LoopResult.class);
    assertEquals(1, r.iterationsCompleted());
    assertTrue(acts.calls.stream().anyMatch(c -> c.startsWith("ProbeShard")));
  }

  @Test
  void stopAfterIterationEndsTheRunWithAReport() throws Exception {
    LoopToolWorkflow wf = startedAndTrainingIteration1("stop", 4);
    wf.stopAfterIteration();
    acts.release.countDown();
    LoopResult r = client.newUntypedWorkflowStub("stop").getResult(LoopResult.class);
    assertEquals(1, r.iterationsCompleted());
    assertTrue(r.stoppedEarly());
    assertTrue(acts.calls.contains("Report:1"));
  }

  @Test
  void settingsUpdateIsValidatedAndAppliesFromTheNextIteration() throws Exception {
    LoopToolWorkflow wf = startedAndTrainingIteration1("update", 2);
    WorkflowUpdateException bad =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.updateSettings(Map.of("judge", Map.of("quorum", 5))));
    assertTrue(bad.getCause().getMessage().contains("judge.quorum"), bad.getCause().getMessage());
    assertThrows(
        WorkflowUpdateException.class,
        () -> wf.updateSettings(Map.of("data", Map.of("source", "files"))));
    RunSpec next = wf.updateSettings(Map.of("generator", Map.of("k", 2)));
    assertEquals(2, next.generator().k());
    assertTrue(wf.status().settingsPending());
    acts.release.countDown();
    client.newUntypedWorkflowStub("update").getResult(LoopResult.class);
    List<Integer> ks =
        acts.requests.stream()
            .filter(r -> r instanceof dev.looptool.workflows.stages.ExpandShardRequest)
            .map(r -> ((dev.looptool.workflows.stages.ExpandShardRequest) r).generator().k())
            .distinct()
            .toList();
    assertEquals(List.of(4, 2), ks);
  }

  @Test
  void invalidSpecFailsFastWithoutRetrying() {
    RunSpec bad = new RunSpec(null, 0, null, null, null, null, null, null, null);
    WorkflowFailedException e =
        assertThrows(WorkflowFailedException.class, () -> stub("bad").run(bad, null));
    ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, e.getCause());
    assertEquals("BadInput", cause.getType());
    assertTrue(cause.getOriginalMessage().contains("iterations: must be at least 1"));
    assertTrue(acts.calls.isEmpty());
  }

  @Test
  void rawJsonInputAsTheTemporalCliSendsItStartsAFreshRun() {
    // `temporal workflow start --type LoopTool --task-queue looptool --input '{...}'` sends exactly
    // one
    // json/plain payload with these bytes; the second parameter (the carried state) has none.
    String json =
        "{\"name\": \"from-cli\", \"iterations\": 1, \"execution\": {\"shardSize\": 200, \"maxParallelShards\": 2}}";
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(json))
            .build();
    WorkflowStub untyped =
        client.newUntypedWorkflowStub(
            LoopToolWorkflow.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId("cli")
                .setTaskQueue(TaskQueues.WORKFLOW)
                .build());
    untyped.start(new RawValue(payload));
    LoopResult r = untyped.getResult(LoopResult.class);
    assertEquals(1, r.iterationsCompleted());
    assertFalse(r.stoppedEarly());
    // A null state means a fresh run: seed data and the SFT warm-up come first.
    assertEquals(List.of("PrepareSeed", "Train:sft:0", "Train:grpo:1"), acts.calls.subList(0, 3));
    dev.looptool.workflows.stages.SeedRequest seed =
        (dev.looptool.workflows.stages.SeedRequest) acts.requests.get(0);
    assertEquals("from-cli", seed.spec().name());
    assertEquals(200, seed.spec().execution().shardSize());
    assertEquals(2, acts.calls.stream().filter(c -> c.startsWith("ProbeShard:1:")).count());
    assertEquals("Report:1", acts.calls.get(acts.calls.size() - 1));
  }

  @Test
  void searchAttributesAreNamedForTheServerSetup() {
    assertEquals(
        IndexedValueType.INDEXED_VALUE_TYPE_INT, LoopSearchAttributes.ALL.get("LoopIteration"));
  }
}

package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.workers.TemporalConnection;
import dev.looptool.workers.embedded.EmbeddedTemporal;
import dev.looptool.workflows.TaskQueues;
import dev.looptool.workflows.loop.LoopResult;
import dev.looptool.workflows.loop.LoopState;
import dev.looptool.workflows.loop.LoopStatus;
import dev.looptool.workflows.loop.LoopToolWorkflow;
import dev.looptool.workflows.loop.OperatorRequests;
import dev.looptool.workflows.loop.ShardProgress;
import dev.looptool.workflows.loop.ShardedStageWorkflow;
import dev.looptool.workflows.loop.StageSpan;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.stages.EvalRequest;
import dev.looptool.workflows.stages.EvalResult;
import dev.looptool.workflows.stages.GpuActivities;
import dev.looptool.workflows.stages.ProbeShardRequest;
import dev.looptool.workflows.stages.ProbeShardResult;
import dev.looptool.workflows.stages.ProbeTotals;
import dev.looptool.workflows.stages.ShardRef;
import dev.looptool.workflows.stages.ShardSet;
import dev.looptool.workflows.stages.ShardedStageRequest;
import dev.looptool.workflows.stages.ShardedStageResult;
import dev.looptool.workflows.stages.StageProgress;
import dev.looptool.workflows.stages.TrainRequest;
import dev.looptool.workflows.stages.TrainResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * While a {@code LoopToolStage} child runs a sharded stage, the loop's status knows the stage's
 * total but not its shards done, and its running activities are the child's: {@code looptool
 * status}, {@code run}'s progress line and {@code wait}'s stall notice read both from the child. A
 * stand-in loop and child (the shape the real ones have: the loop's status names the child) keep
 * one probe shard running with a heartbeat.
 */
class StageChildStatusTest {
  static final String RUN = "status-run";
  static final String CHILD = ShardedStageWorkflow.workflowId(RUN, 1, "probe");
  static final CountDownLatch beating = new CountDownLatch(1);
  static final CountDownLatch release = new CountDownLatch(1);

  /** A loop that runs only its probe stage's child and names it in its status. */
  public static class StandInLoop implements LoopToolWorkflow {
    @Override
    public LoopResult run(RunSpec spec, LoopState state) {
      ShardedStageWorkflow child =
          Workflow.newChildWorkflowStub(
              ShardedStageWorkflow.class,
              ChildWorkflowOptions.newBuilder().setWorkflowId(CHILD).build());
      child.run(
          new ShardedStageRequest(
              new ShardSet(RUN, 1, 4),
              null,
              new ProbeShardRequest(new ShardRef(RUN, 1, 0), "train", "ckpt", 200, null),
              null,
              null));
      return new LoopResult(RUN, 1, List.of(), "report", false);
    }

    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void stopAfterIteration() {}

    @Override
    public LoopStatus status() {
      return new LoopStatus(
          RUN,
          1,
          2,
          "probe",
          new ShardProgress(0, 4, CHILD),
          new OperatorRequests(false, false),
          false,
          List.of());
    }

    @Override
    public List<StageSpan> stages() {
      return List.of(new StageSpan(1, "probe", 1, 0));
    }

    @Override
    public RunSpec updateSettings(Map<String, Object> patch) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void validateSettings(Map<String, Object> patch) {}
  }

  /** A stage child with three of four shards done and shard 4 running. */
  public static class StandInStage implements ShardedStageWorkflow {
    @Override
    public ShardedStageResult run(ShardedStageRequest request) {
      Workflow.newActivityStub(
              GpuActivities.class,
              ActivityOptions.newBuilder()
                  .setTaskQueue(TaskQueues.GPU)
                  .setStartToCloseTimeout(Duration.ofMinutes(2))
                  .build())
          .probeShard(request.probe().forShard(request.shards().shard(3)));
      return new ShardedStageResult(ProbeTotals.NONE, null, null);
    }

    @Override
    public ShardProgress progress() {
      return new ShardProgress(3, 4, Workflow.getInfo().getWorkflowId());
    }
  }

  /** Probe shard 4 heartbeats 50 of 200 samples and runs until released. */
  public static class HeldProbe implements GpuActivities {
    @Override
    public ProbeShardResult probeShard(ProbeShardRequest r) {
      Activity.getExecutionContext()
          .heartbeat(new StageProgress("probe", r.shard().index(), 50, 200, "chunk 1/4", null, 10));
      beating.countDown();
      try {
        release.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new ProbeShardResult(r.shard().index(), 0, 0, 0, 0, 0);
    }

    @Override
    public TrainResult train(TrainRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public EvalResult evaluate(EvalRequest request) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void statusProgressAndStallNoticeReadTheRunningStageChild() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0, "default");
        TemporalConnection conn = new TemporalConnection(server.target(), "default", null)) {
      WorkflowClient client = conn.client();
      WorkerFactory factory = WorkerFactory.newInstance(client);
      factory
          .newWorker(TaskQueues.WORKFLOW)
          .registerWorkflowImplementationTypes(StandInLoop.class, StandInStage.class);
      factory.newWorker(TaskQueues.GPU).registerActivitiesImplementations(new HeldProbe());
      factory.start();
      try {
        WorkflowClient.start(
            client.newWorkflowStub(
                    LoopToolWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(RUN)
                        .setTaskQueue(TaskQueues.WORKFLOW)
                        .build())
                ::run,
            null,
            null);
        assertTrue(beating.await(1, TimeUnit.MINUTES), "the probe shard never started");
        RunConnectionOptions connection = RunConnectionOptions.of(server.target(), "default", 10);
        RunProgress progress = new RunProgress(client, connection, RUN);
        RunProgress.Look look = progress.look();
        for (int i = 0;
            i < 200 && (look.running().isEmpty() || look.running().get(0).progress() == null);
            i++) {
          Thread.sleep(50);
          look = progress.look();
        }

        // The status: the loop's total, the child's shards done.
        LoopStatus status = RunControl.status(client, connection, RUN, "");
        assertEquals(new ShardProgress(3, 4, CHILD), status.shards());
        assertTrue(
            RunControl.progressLine(status).contains(" 3/4 shards"),
            RunControl.progressLine(status));

        // The running activity is the child's, with its heartbeat.
        assertEquals(1, look.running().size(), look.running()::toString);
        StageView.Running shard = look.running().get(0);
        assertEquals("ProbeShard", shard.activityType());
        assertEquals(50, shard.progress().done());
        String line = StageView.of(status, look.running()).line();
        assertTrue(line.contains("1 shard running shards 3.3/4"), line);
        assertTrue(line.contains("shard 4: 50/200 samples"), line);

        // wait's stall notice names the child's activity; its fingerprint counts the child.
        assertTrue(progress.whatItWaitsFor().contains("activity ProbeShard"));
        RunProgress.Fingerprint f = progress.fingerprint();
        assertTrue(f.pendingActivities().contains(CHILD), f::toString);

        // `looptool status` shows the same.
        PrintStream was = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
          code = LoopToolCli.execute(new String[] {"status", RUN, "--temporal", server.target()});
        } finally {
          System.setOut(was);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        assertTrue(printed.contains("3/4 shards"), printed);
        assertTrue(printed.contains("shard 4: 50/200 samples"), printed);

        release.countDown();
        client.newUntypedWorkflowStub(RUN).getResult(LoopResult.class);
        assertNotEquals(f, progress.fingerprint());
      } finally {
        release.countDown();
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }
}

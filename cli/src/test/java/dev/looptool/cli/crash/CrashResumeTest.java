package dev.looptool.cli.crash;

import static dev.looptool.cli.crash.RunWatch.exists;
import static dev.looptool.cli.crash.RunWatch.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.workers.Pool;
import dev.looptool.workers.TemporalConnection;
import dev.looptool.workers.WorkerHost;
import dev.looptool.workers.embedded.EmbeddedTemporal;
import dev.looptool.workflows.loop.LoopResult;
import dev.looptool.workflows.loop.LoopStatus;
import dev.looptool.workflows.loop.LoopToolWorkflow;
import dev.looptool.workflows.spec.DataSpec;
import dev.looptool.workflows.spec.ExecutionSpec;
import dev.looptool.workflows.spec.PolicySpec;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.spec.WorldSpec;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machines die. A two-iteration run is interrupted by SIGKILLs of its worker processes, each
 * followed by a fresh process, and must complete with every artifact (datasets, checkpoints,
 * probe/judge/expand shards, metrics, report) byte-identical to an uninterrupted run with the same
 * seed: once killing the activity worker (mid-training, mid-shard), once killing the workflow
 * worker (while an activity runs, right after one completes, during a query, around
 * continue-as-new).
 */
class CrashResumeTest {
  static final String RUN_ID = "crash-resume";

  /**
   * Long enough for a loaded 2-core machine; a stall (the bug these tests guard against) never
   * ends.
   */
  static final Duration STAGE_LIMIT = Duration.ofMinutes(4);

  @TempDir static Path tmp;
  static Path cleanStore;
  static LoopResult cleanResult;

  static RunSpec spec() {
    return new RunSpec(
        "crash",
        2,
        new DataSpec(
            DataSpec.WORLD,
            new WorldSpec(5L, 10, 200, 40, 0.15, null, null, null),
            null,
            null,
            128,
            null,
            null,
            null),
        new PolicySpec(
            PolicySpec.BUILTIN,
            60,
            4,
            4,
            4,
            1.0,
            1e-4,
            0.2,
            0.28,
            0.0,
            1,
            10,
            48,
            3L,
            new PolicySpec.ModelSpec(48, 1, 2, 300, 144, 3, 4),
            null,
            null,
            null,
            null,
            null),
        null,
        null,
        null,
        null,
        new ExecutionSpec(128, 2, 30, 30, 5, true));
  }

  @BeforeAll
  static void uninterruptedRun() throws Exception {
    cleanStore = tmp.resolve("clean");
    try (Cluster c = new Cluster(cleanStore, tmp.resolve("clean"), false)) {
      c.start();
      cleanResult = c.result();
    }
  }

  @Test
  void killedActivityWorkersResumeAndTheRunIsByteIdenticalToAnUninterruptedOne() throws Exception {
    Path store = tmp.resolve("activity-kills");
    Path runDir = store.resolve("runs").resolve(RUN_ID);
    LoopResult result;
    try (Cluster c = new Cluster(store, tmp.resolve("activity-kills"), false)) {
      c.start();
      // 1. In the middle of the SFT warm-up: a step checkpoint exists, the run has not finished
      // training.
      waitFor(
          () ->
              exists(runDir.resolve("sft/checkpoint"), "step-0000010")
                  && !exists(runDir.resolve("sft/checkpoint"), "step-0000060"),
          "an SFT checkpoint mid-training",
          STAGE_LIMIT);
      c.activities.kill();
      c.restartActivities();
      // 2. In the middle of a sharded stage: a committed chunk of a probe shard, the shard itself
      // not yet.
      waitFor(
          () -> exists(runDir.resolve("iter-01/probe"), ".chunk-"), "a probe chunk", STAGE_LIMIT);
      c.activities.kill();
      assertFalse(
          Files.exists(runDir.resolve("iter-01/probe/part-00000.jsonl"))
              && Files.exists(runDir.resolve("iter-01/probe/part-00001.jsonl")),
          "the kill landed before probing finished");
      c.restartActivities();
      result = c.result();
    }
    assertSameAsUninterrupted(store, result);
  }

  @Test
  void killedWorkflowWorkersAreReplacedAndTheRunIsByteIdenticalToAnUninterruptedOne()
      throws Exception {
    Path store = tmp.resolve("workflow-kills");
    Path runDir = store.resolve("runs").resolve(RUN_ID);
    LoopResult result;
    try (Cluster c = new Cluster(store, tmp.resolve("workflow-kills"), true)) {
      c.start();
      RunWatch watch = new RunWatch(c.client(), RUN_ID);
      String firstRun = watch.currentRunId();

      // 1. While an activity runs: the SFT warm-up's completion reaches a workflow worker that was
      //    not there when the activity was scheduled.
      waitFor(
          () -> exists(runDir.resolve("sft/checkpoint"), "step-0000010"),
          "an SFT checkpoint mid-training",
          STAGE_LIMIT);
      c.killAndRestartWorkflowWorker("mid-SFT", Duration.ZERO);

      // 2. Right after an activity completes: its workflow task waits while no workflow worker
      // lives.
      waitFor(() -> watch.completed("Train") >= 1, "the SFT warm-up to complete", STAGE_LIMIT);
      c.killAndRestartWorkflowWorker("SFT completed", Duration.ofSeconds(2));

      // 3. During a query: with no workflow worker, `looptool status` says so in one line and
      // fails;
      //    a query sent while the worker is down is answered by its replacement.
      waitFor(
          () ->
              exists(runDir.resolve("iter-01/probe"), ".chunk-")
                  || exists(runDir.resolve("iter-01"), "eval.json"),
          "probing of iteration 1",
          STAGE_LIMIT);
      c.workflows.kill();
      c.workflowKills.add("probing, then a query");
      CliProcess.Result status = CliProcess.run(tmp, "status", RUN_ID, "--temporal", c.target());
      System.out.printf(
          "looptool status with no workflow worker: exit %d after %.1f s: %s%n",
          status.exitCode(), status.seconds(), status.stdoutAndErr().strip());
      assertNotEquals(0, status.exitCode(), status.stdoutAndErr());
      assertEquals(
          1,
          status.stdoutAndErr().strip().lines().count(),
          "one line, no stack trace: " + status.stdoutAndErr());
      assertTrue(status.stdoutAndErr().contains("no workflow worker"), status.stdoutAndErr());
      CompletableFuture<LoopStatus> query =
          CompletableFuture.supplyAsync(
              () -> c.patientClient().newWorkflowStub(LoopToolWorkflow.class, RUN_ID).status());
      Thread.sleep(500);
      c.restartWorkflowWorker();
      assertEquals(
          1, query.get(2, TimeUnit.MINUTES).iteration(), "the replacement answered the query");

      // 4. Around continue-as-new: when the last activity of iteration 1 completes (its workflow
      //    task continues as new) and right after the chain's new run has started.
      waitFor(
          () -> exists(runDir.resolve("iter-01"), "eval.json"),
          "iteration 1's evaluation",
          STAGE_LIMIT);
      c.killAndRestartWorkflowWorker("iteration 1 evaluated", Duration.ofSeconds(1));
      waitFor(() -> !watch.currentRunId().equals(firstRun), "continue-as-new", STAGE_LIMIT);
      c.killAndRestartWorkflowWorker("continued as new", Duration.ZERO);

      result = c.result();
      System.out.println("workflow worker kills survived: " + c.workflowKills);
    }
    assertSameAsUninterrupted(store, result);
  }

  private static void assertSameAsUninterrupted(Path store, LoopResult result) throws IOException {
    RunWatch.assertSameArtifacts(
        cleanStore.resolve("runs").resolve(RUN_ID), store.resolve("runs").resolve(RUN_ID));
    assertEquals(cleanResult, result, "the run's results");
  }

  /**
   * A Temporal server as {@code looptool server} runs it, the activity pools in a child process and
   * the workflow worker either in this JVM or, when it is to be killed, in a child process too.
   */
  static final class Cluster implements AutoCloseable {
    final Path store;
    final Path logPrefix;
    final EmbeddedTemporal temporal;
    final TemporalConnection conn;
    final WorkerHost inProcessWorkflows;
    ChildWorker activities;
    ChildWorker workflows;
    TemporalConnection patient;
    final List<String> workflowKills = new ArrayList<>();

    Cluster(Path store, Path logPrefix, boolean workflowWorkerInChild) throws IOException {
      this.store = store;
      this.logPrefix = logPrefix;
      this.temporal = EmbeddedTemporal.start(0, "default");
      this.conn = new TemporalConnection(temporal.target(), "default", null);
      this.inProcessWorkflows =
          workflowWorkerInChild
              ? null
              : new WorkerHost(
                  conn.client(),
                  EnumSet.of(Pool.WORKFLOW),
                  new WorkerHost.Services(null, null, null, null, null),
                  1,
                  1);
      if (inProcessWorkflows != null) {
        inProcessWorkflows.start();
      } else {
        workflows = ChildWorker.start(target(), store, log("workflow"), "workflow");
      }
      activities = ChildWorker.start(target(), store, log("activities"), "cpu", "llm", "gpu");
    }

    String target() {
      return temporal.target();
    }

    WorkflowClient client() {
      return conn.client();
    }

    /** A client whose queries wait long enough for a workflow worker that is being restarted. */
    WorkflowClient patientClient() {
      if (patient == null) {
        patient = TemporalConnection.forCommand(target(), "default", Duration.ofMinutes(2));
      }
      return patient.client();
    }

    Path log(String role) {
      return Path.of(logPrefix + "-" + role + ".log");
    }

    void start() {
      RunWatch.startRun(client(), RUN_ID, spec());
    }

    void restartActivities() throws IOException {
      activities = ChildWorker.start(target(), store, log("activities"), "cpu", "llm", "gpu");
    }

    void restartWorkflowWorker() throws IOException {
      workflows = ChildWorker.start(target(), store, log("workflow"), "workflow");
    }

    void killAndRestartWorkflowWorker(String moment, Duration down) throws Exception {
      workflows.kill();
      workflowKills.add(moment);
      Thread.sleep(down.toMillis());
      restartWorkflowWorker();
    }

    LoopResult result() throws Exception {
      return client()
          .newUntypedWorkflowStub(RUN_ID)
          .getResult(10, TimeUnit.MINUTES, LoopResult.class);
    }

    @Override
    public void close() throws Exception {
      if (workflows != null) {
        workflows.close();
      }
      if (activities != null) {
        activities.close();
      }
      if (inProcessWorkflows != null) {
        inProcessWorkflows.close();
      }
      if (patient != null) {
        patient.close();
      }
      conn.close();
      temporal.close();
    }
  }
}

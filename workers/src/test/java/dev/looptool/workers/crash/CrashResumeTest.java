package dev.looptool.workers.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.store.Sha256;
import dev.looptool.workers.Pool;
import dev.looptool.workers.TemporalConnection;
import dev.looptool.workers.WorkerHost;
import dev.looptool.workers.embedded.EmbeddedTemporal;
import dev.looptool.workflows.TaskQueues;
import dev.looptool.workflows.loop.LoopResult;
import dev.looptool.workflows.loop.LoopToolWorkflow;
import dev.looptool.workflows.spec.DataSpec;
import dev.looptool.workflows.spec.ExecutionSpec;
import dev.looptool.workflows.spec.PolicySpec;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.spec.WorldSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machines die: the activity worker of a run is killed with SIGKILL in the middle of training and
 * again in the middle of a sharded stage, and a fresh worker is started each time. The run must
 * complete, and every artifact (datasets, checkpoints, probe/judge/expand shards, metrics, report)
 * must be byte-identical to an uninterrupted run with the same seed.
 */
class CrashResumeTest {
  static final String RUN_ID = "crash-resume";

  static RunSpec spec() {
    return new RunSpec("crash", 1,
        new DataSpec(DataSpec.WORLD, new WorldSpec(5L, 10, 200, 40, 0.15, null, null, null), null, null, 128, null),
        new PolicySpec(PolicySpec.BUILTIN, 60, 4, 4, 4, 1.0, 1e-4, 0.2, 0.28, 0.0, 1, 10, 48, 3L,
            new PolicySpec.ModelSpec(48, 1, 2, 300, 144, 3, 4), null, null),
        null, null, null, null,
        new ExecutionSpec(128, 2, 30, 30, 5, true));
  }

  @Test
  void killedWorkersResumeAndTheRunIsByteIdenticalToAnUninterruptedOne(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws Exception {
    Path clean = tmp.resolve("clean");
    Path crashed = tmp.resolve("crashed");
    LoopResult a = run(clean, tmp.resolve("clean.log"), false);
    LoopResult b = run(crashed, tmp.resolve("crashed.log"), true);

    Map<String, String> filesA = hashes(clean.resolve("runs").resolve(RUN_ID));
    Map<String, String> filesB = hashes(crashed.resolve("runs").resolve(RUN_ID));
    assertTrue(filesA.containsKey("iter-01/eval.json"), filesA.keySet().toString());
    assertTrue(filesA.keySet().stream().anyMatch(k -> k.startsWith("iter-01/checkpoint/step-")), filesA.keySet().toString());
    assertEquals(filesA.keySet(), filesB.keySet(), "the same artifacts exist");
    List<String> differing = filesA.keySet().stream().filter(k -> !filesA.get(k).equals(filesB.get(k))).toList();
    assertEquals(List.of(), differing, "artifacts that differ after the crashes");
    assertEquals(a, b, "the run's results");
  }

  private static LoopResult run(Path store, Path log, boolean crash) throws Exception {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0, "default");
        TemporalConnection conn = new TemporalConnection(temporal.target(), "default", null);
        WorkerHost workflows = new WorkerHost(conn.client(), EnumSet.of(Pool.WORKFLOW),
            new WorkerHost.Services(null, null, null, null, null), 1, 1)) {
      workflows.start();
      Path runDir = store.resolve("runs").resolve(RUN_ID);
      ChildWorker worker = ChildWorker.start(temporal.target(), store, log, "cpu", "llm", "gpu");
      try {
        WorkflowClient client = conn.client();
        LoopToolWorkflow wf = client.newWorkflowStub(LoopToolWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(RUN_ID).setTaskQueue(TaskQueues.WORKFLOW).build());
        WorkflowClient.start(wf::run, spec(), null);
        if (crash) {
          // 1. In the middle of the SFT warm-up: a step checkpoint exists, the run has not finished training.
          waitFor(() -> exists(runDir.resolve("sft/checkpoint"), "step-0000010") && !exists(runDir.resolve("sft/checkpoint"), "step-0000060"),
              "an SFT checkpoint mid-training", Duration.ofMinutes(4));
          worker.kill();
          worker = ChildWorker.start(temporal.target(), store, log, "cpu", "llm", "gpu");
          // 2. In the middle of a sharded stage: a committed chunk of a probe shard, the shard itself not yet.
          waitFor(() -> exists(runDir.resolve("iter-01/probe"), ".chunk-"), "a probe chunk", Duration.ofMinutes(4));
          worker.kill();
          assertFalse(Files.exists(runDir.resolve("iter-01/probe/part-00000.jsonl")) && Files.exists(runDir.resolve("iter-01/probe/part-00001.jsonl")),
              "the kill landed before probing finished");
          worker = ChildWorker.start(temporal.target(), store, log, "cpu", "llm", "gpu");
        }
        return client.newUntypedWorkflowStub(RUN_ID).getResult(LoopResult.class);
      } finally {
        worker.close();
      }
    }
  }

  private static boolean exists(Path dir, String nameContains) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().contains(nameContains));
    } catch (IOException e) {
      return false;
    }
  }

  private static void waitFor(BooleanSupplier condition, String what, Duration limit) throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static Map<String, String> hashes(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        out.put(root.relativize(p).toString(), Sha256.ofFile(p));
      }
    }
    return out;
  }
}

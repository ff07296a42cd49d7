package dev.looptool.activities.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.TinyRun;
import dev.looptool.activities.common.ResumableShard;
import dev.looptool.activities.serve.FakeModelServerMain;
import dev.looptool.activities.serve.ModelServers;
import dev.looptool.core.json.Json;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.spec.PolicySpec;
import dev.looptool.workflows.stages.EvalRequest;
import dev.looptool.workflows.stages.EvalResult;
import dev.looptool.workflows.stages.ProbeShardRequest;
import dev.looptool.workflows.stages.ProbeShardResult;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probing and evaluation through a model server the GPU worker starts for the checkpoint: the
 * records name the checkpoint and the served model, a server killed mid-shard is restarted by the
 * retry and the shard resumes after its committed chunk, and a server serving another checkpoint
 * fails the activity for good.
 */
class ServedProbeTest {
  private static final String PROBE_DIR = TinyRun.LAYOUT.iteration(1).probeDir();
  private static final String PART = RunLayout.shard(PROBE_DIR, 0);

  @TempDir Path dir;

  /**
   * The tiny run's policy, probed through {@link FakeModelServerMain} started with {@code extra}.
   */
  static PolicySpec served(PolicySpec p, String... extra) throws Exception {
    ObjectNode tree = Json.MAPPER.valueToTree(p);
    ObjectNode server = tree.putObject("server");
    server.set("command", Json.MAPPER.valueToTree(FakeModelServerMain.command(extra)));
    server.put("startTimeoutSeconds", 120);
    // No client retries: a dead server fails the attempt at once.
    tree.putObject("prober")
        .put("maxRetries", 0)
        .put("maxConcurrency", 8)
        .set("baseUrls", Json.MAPPER.valueToTree(List.of("http://127.0.0.1:1/v1")));
    ((ObjectNode) tree.get("prober")).put("model", "replaced-by-the-served-name");
    return Json.MAPPER.treeToValue(tree, PolicySpec.class);
  }

  static ProbeShardRequest with(ProbeShardRequest r, PolicySpec p) {
    return new ProbeShardRequest(r.shard(), r.trainKey(), r.checkpoint(), r.shardSize(), p);
  }

  @Test
  void aServerKilledMidShardIsRestartedAndTheShardResumesNamingWhatServedIt() throws Exception {
    TinyRun run = TinyRun.get();
    LocalArtifactStore store = run.copyInto(dir.resolve("store"), PROBE_DIR);
    ProbeShardRequest base = TinyRun.probeRequest(run.seed, run.spec, 0);
    // The first server halts at its 70th completion: after chunk 1 (64), inside chunk 2.
    ProbeShardRequest dying = with(base, served(run.spec.policy(), "--die-after", "70"));
    try (ModelServers servers = new ModelServers(dir.resolve("logs"), 2_000);
        GpuActivitiesImpl gpu = new GpuActivitiesImpl(store, null, null, servers, System::getenv)) {
      assertThrows(ApplicationFailure.class, () -> gpu.probeShard(dying));
      assertEquals(List.of(PART + ".chunk-00000"), store.list(PROBE_DIR));

      ProbeShardResult r = gpu.probeShard(dying);
      assertEquals(TinyRun.SHARD_SIZE, r.samples());
      List<ObjectNode> records = ResumableShard.read(store, PART);
      assertEquals(TinyRun.SHARD_SIZE, records.size());
      for (ObjectNode o : records) {
        assertEquals(List.of("sample", "probe", "checkpoint", "served_model"), names(o));
        assertEquals(TinyRun.SFT_CHECKPOINT, o.path("checkpoint").asText());
        assertEquals("tiny-iter-01", o.path("served_model").asText());
      }
    }

    // The evaluation of the same checkpoint shares the probe's server (here a fresh worker's).
    PolicySpec p = served(run.spec.policy());
    LocalArtifactStore fresh = run.copyInto(dir.resolve("fresh"), PROBE_DIR);
    try (ModelServers servers = new ModelServers(dir.resolve("logs"), 2_000);
        GpuActivitiesImpl gpu = new GpuActivitiesImpl(fresh, null, null, servers, System::getenv)) {
      gpu.probeShard(with(base, p));
      Map<String, Integer> afterProbe = servers.running();
      EvalResult ev =
          gpu.evaluate(
              new EvalRequest(TinyRun.RUN_ID, 1, TinyRun.SFT_CHECKPOINT, run.seed.test().key(), p));
      assertEquals(afterProbe, servers.running(), "one server for the checkpoint's activities");
      JsonNode eval;
      assertEquals(1, afterProbe.size());
      try (var in = fresh.open(ev.evalKey())) {
        eval = Json.MAPPER.readTree(in);
      }
      assertEquals(TinyRun.SFT_CHECKPOINT, eval.path("checkpoint").asText());
      assertEquals("tiny-iter-01", eval.path("served_model").asText());
    }
  }

  @Test
  void aServerServingAnotherCheckpointFailsTheShardForGood() throws Exception {
    TinyRun run = TinyRun.get();
    LocalArtifactStore store = run.copyInto(dir.resolve("store"), PROBE_DIR);
    ProbeShardRequest r =
        with(
            TinyRun.probeRequest(run.seed, run.spec, 0),
            served(run.spec.policy(), "--root", "/models/Qwen3-8B"));
    try (ModelServers servers = new ModelServers(dir.resolve("logs"), 2_000);
        GpuActivitiesImpl gpu = new GpuActivitiesImpl(store, null, null, servers, System::getenv)) {
      ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> gpu.probeShard(r));
      assertTrue(f.isNonRetryable(), f.toString());
      assertTrue(
          f.getOriginalMessage().contains("serves 'tiny-iter-01' from /models/Qwen3-8B, not from "),
          f.getOriginalMessage());
      assertEquals(List.of(), store.list(PROBE_DIR));
    }
  }

  private static List<String> names(JsonNode o) {
    List<String> out = new java.util.ArrayList<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
  }
}

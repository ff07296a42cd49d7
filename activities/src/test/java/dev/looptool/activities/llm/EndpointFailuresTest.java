package dev.looptool.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.TinyRun;
import dev.looptool.activities.backends.ModelBackends;
import dev.looptool.activities.backends.TruthIndex;
import dev.looptool.activities.common.ResumableShard;
import dev.looptool.activities.llm.fake.FakeOpenAiServer;
import dev.looptool.core.expand.Generator;
import dev.looptool.core.judge.Judge;
import dev.looptool.core.judge.ResponseValidator;
import dev.looptool.core.llm.BreakerSettings;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.JudgeConfig;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.spec.GeneratorSpec;
import dev.looptool.workflows.spec.JudgeSpec;
import dev.looptool.workflows.stages.JudgeShardRequest;
import dev.looptool.workflows.stages.JudgeShardResult;
import dev.looptool.workflows.stages.LlmActivities;
import dev.looptool.workflows.stages.ShardRef;
import dev.looptool.workflows.stages.StageProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge stage against replicas that fail while it runs — killed (connection refused), hung (no
 * answer), slow, and all of them down at once then back — through the real activity (chunks,
 * heartbeats) and the real client (breakers, retries) on fake servers on 127.0.0.1. Every run must
 * write the shard a fault-free run writes, byte for byte: each mismatch judged exactly once, the
 * same verdicts.
 */
class EndpointFailuresTest {
  private static final String JUDGE_PART =
      RunLayout.shard(TinyRun.LAYOUT.iteration(1).judgeDir(), 0);

  /** Latency of every replica: long enough that the stage is still running when faults begin. */
  private static final long LATENCY_MS = 40;

  private static final int CONCURRENCY = 3;

  @TempDir Path cleanDir;
  @TempDir Path faultyDir;

  /** What one run of the judge stage came to. */
  record StageRun(
      JudgeShardResult result,
      LocalArtifactStore store,
      List<StageProgress> beats,
      List<Double> opened,
      List<Long> answered,
      List<Map<String, Long>> faults,
      List<Map<String, Double>> clientErrors) {}

  /** The fault a test injects once the stage has made progress, and how it ends. */
  interface Chaos {
    void inject(List<FakeOpenAiServer> replicas, List<StageProgress> beats) throws Exception;
  }

  private static EndpointConfig endpoint(List<FakeOpenAiServer> replicas, BreakerSettings b) {
    List<String> urls = new ArrayList<>();
    replicas.forEach(r -> urls.add(r.baseUrl()));
    return new EndpointConfig(
        urls,
        "fake-judge",
        null,
        CONCURRENCY,
        2_000,
        // The per-request timeout that ends a hung replica's requests; generous enough that a
        // healthy replica on a busy machine never reaches it.
        3_000,
        3,
        5,
        50,
        new SamplingParams(0.0, null, 256, 0L, null),
        null,
        b);
  }

  private static BreakerSettings breaker() {
    // Small window and short open period so the test sees a whole open / half-open / closed cycle.
    return new BreakerSettings(50, 0, 0, 6, 3, 300, 2, 0);
  }

  /** Runs the judge stage of the tiny run's iteration 1 with one voter asked in both orders. */
  private StageRun judge(Path dir, int replicas, BreakerSettings b, Chaos chaos) throws Exception {
    TinyRun run = TinyRun.get();
    LocalArtifactStore store = run.copyInto(dir);
    List<FakeOpenAiServer> servers = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      servers.add(
          FakeOpenAiServer.start(
              new FakeOpenAiServer.Options(
                  LATENCY_MS, CONCURRENCY, FakeOpenAiServer.Faults.none())));
    }
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    List<StageProgress> beats = new CopyOnWriteArrayList<>();
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try (LlmBackends llm = new LlmBackends(reg)) {
      EndpointConfig cfg = endpoint(servers, b);
      ModelBackends backends =
          new JudgeOnly(
              llm.judge(new JudgeConfig(List.of(new JudgeConfig.Voter("fake#0", cfg)), 1, true)));
      env.registerActivitiesImplementations(new LlmActivitiesImpl(store, backends, reg));
      env.setActivityHeartbeatListener(StageProgress.class, beats::add);
      // A heartbeat timeout of 2 s: an activity that stopped heartbeating while it waits for the
      // endpoints would be timed out by the test service.
      LlmActivities stub =
          env.newActivityStub(
              LlmActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(5))
                  .setHeartbeatTimeout(Duration.ofSeconds(2))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());
      JudgeShardRequest request =
          new JudgeShardRequest(
              new ShardRef(TinyRun.RUN_ID, 1, 0), run.seed.truthKey(), run.spec.judge());
      CompletableFuture<JudgeShardResult> stage =
          CompletableFuture.supplyAsync(() -> stub.judgeShard(request));
      if (chaos != null) {
        awaitCondition(() -> answered(servers) >= 2 * CONCURRENCY, "the stage to make progress");
        assertTrue(!stage.isDone(), "the stage ended before the fault was injected");
        chaos.inject(servers, beats);
      }
      JudgeShardResult result = stage.get(4, TimeUnit.MINUTES);
      List<Double> opened = new ArrayList<>();
      List<Long> answered = new ArrayList<>();
      List<Map<String, Long>> faults = new ArrayList<>();
      List<Map<String, Double>> clientErrors = new ArrayList<>();
      for (FakeOpenAiServer s : servers) {
        opened.add(opened(reg, s));
        answered.add(s.answered());
        faults.add(s.faults());
        Map<String, Double> errors = new java.util.TreeMap<>();
        reg.find("looptool.llm.errors")
            .tag("endpoint", host(s))
            .counters()
            .forEach(c -> errors.put(c.getId().getTag("class"), c.count()));
        clientErrors.add(errors);
      }
      return new StageRun(result, store, beats, opened, answered, faults, clientErrors);
    } finally {
      env.close();
      servers.forEach(FakeOpenAiServer::close);
    }
  }

  private static long answered(List<FakeOpenAiServer> servers) {
    return servers.stream().mapToLong(FakeOpenAiServer::answered).sum();
  }

  private static void awaitCondition(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "gave up waiting for " + what);
      Thread.sleep(5);
    }
  }

  private static String host(FakeOpenAiServer server) {
    return server.baseUrl().replace("http://", "").replace("/v1", "");
  }

  private static double opened(SimpleMeterRegistry reg, FakeOpenAiServer server) {
    Counter c =
        reg.find("looptool.llm.breaker.transitions")
            .tag("endpoint", host(server))
            .tag("to", "open")
            .counter();
    return c == null ? 0 : c.count();
  }

  /** The fault-free run every faulty one must equal. */
  private StageRun clean() throws Exception {
    return judge(cleanDir, 2, breaker(), null);
  }

  private static void assertSameShard(StageRun clean, StageRun faulty) throws Exception {
    assertTrue(
        clean.result().mismatches() > 2 * LlmActivitiesImpl.CHUNK,
        "too few mismatches to judge over several chunks: " + clean.result().mismatches());
    assertEquals(clean.result(), faulty.result(), "verdict counts differ from the fault-free run");
    assertEquals(
        clean.store().sha256(JUDGE_PART),
        faulty.store().sha256(JUDGE_PART),
        "the judged shard differs from the fault-free run");
  }

  @Test
  void aReplicaKilledMidStageIsTakenOutAndItsRequestsMoveToTheOther() throws Exception {
    StageRun clean = clean();
    long[] answeredWhenKilled = new long[1];
    StageRun faulty =
        judge(
            faultyDir,
            2,
            breaker(),
            (replicas, beats) -> {
              replicas.get(1).refuse();
              answeredWhenKilled[0] = replicas.get(1).answered();
            });
    assertSameShard(clean, faulty);
    assertTrue(faulty.opened().get(1) >= 1, "the killed replica's breaker never opened");
    assertEquals(
        0.0,
        faulty.opened().get(0),
        "the healthy replica was taken out; client errors " + faulty.clientErrors());
    assertTrue(
        faulty.answered().get(1) <= answeredWhenKilled[0],
        "a killed replica cannot answer; everything after went to the other");
  }

  @Test
  void aHangingReplicaIsTimedOutAndTakenOut() throws Exception {
    StageRun clean = clean();
    StageRun faulty = judge(faultyDir, 2, breaker(), (replicas, beats) -> replicas.get(1).hang());
    assertSameShard(clean, faulty);
    assertTrue(faulty.faults().get(1).getOrDefault("hang", 0L) > 0, faulty.faults().toString());
    assertTrue(faulty.opened().get(1) >= 1, "the hanging replica's breaker never opened");
    assertEquals(
        0.0,
        faulty.opened().get(0),
        "the healthy replica was taken out; client errors " + faulty.clientErrors());
  }

  @Test
  void aSlowReplicaIsTakenOut() throws Exception {
    StageRun clean = clean();
    // Slow: an answer 25 times the normal latency, far beyond the breaker's 200 ms threshold.
    BreakerSettings b = new BreakerSettings(50, 200, 50, 6, 3, 300, 2, 0);
    StageRun faulty = judge(faultyDir, 2, b, (replicas, beats) -> replicas.get(1).slow(1_000));
    assertSameShard(clean, faulty);
    assertTrue(faulty.opened().get(1) >= 1, "the slow replica's breaker never opened");
    assertTrue(
        faulty.answered().get(1) < faulty.answered().get(0),
        "the slow replica kept its share: " + faulty.answered());
  }

  @Test
  void everyReplicaDownThenBackTheStageWaitsHeartbeatingAndCompletes() throws Exception {
    StageRun clean = clean();
    StageRun faulty =
        judge(
            faultyDir,
            2,
            breaker(),
            (replicas, beats) -> {
              replicas.forEach(FakeOpenAiServer::refuse);
              int before = beats.size();
              // Down for as long as it takes the stage to heartbeat three more times while it
              // waits: with a 2 s heartbeat timeout, a stage that stopped beating would be failed.
              awaitCondition(
                  () ->
                      beats.subList(before, beats.size()).stream()
                              .filter(p -> p.detail().contains("waiting for the model endpoint"))
                              .count()
                          >= 3,
                  "three heartbeats while every replica is down");
              for (FakeOpenAiServer r : replicas) {
                r.resume();
              }
            });
    assertSameShard(clean, faulty);
    assertTrue(
        faulty.opened().get(0) >= 1 && faulty.opened().get(1) >= 1, faulty.opened().toString());
    judgedOnce(clean.store());
  }

  /** Judges only; the stage under test asks for nothing else. */
  private static final class JudgeOnly implements ModelBackends {
    private final Judge judge;

    JudgeOnly(Judge judge) {
      this.judge = judge;
    }

    @Override
    public Judge judge(JudgeSpec spec, RunContext run) {
      return judge;
    }

    @Override
    public ResponseValidator validator(JudgeSpec spec, RunContext run) {
      throw new UnsupportedOperationException("the judge stage needs no validator");
    }

    @Override
    public Generator generator(GeneratorSpec spec, RunContext run) {
      throw new UnsupportedOperationException("the judge stage needs no generator");
    }

    @Override
    public TruthIndex truth(RunContext run) {
      return TruthIndex.NONE;
    }
  }

  /** Every mismatch of the probe shard is in the judged shard exactly once. */
  private static void judgedOnce(LocalArtifactStore store) throws Exception {
    Set<String> mismatched = new HashSet<>();
    for (ObjectNode o :
        ResumableShard.read(store, RunLayout.shard(TinyRun.LAYOUT.iteration(1).probeDir(), 0))) {
      if (!o.path("probe").path("mastered").asBoolean()) {
        mismatched.add(o.path("sample").path("id").asText());
      }
    }
    Set<String> judged = new HashSet<>();
    for (ObjectNode o : ResumableShard.read(store, JUDGE_PART)) {
      String id = o.path("sample").path("id").asText();
      assertTrue(judged.add(id), "judged twice: " + id);
    }
    assertEquals(mismatched, judged);
  }
}

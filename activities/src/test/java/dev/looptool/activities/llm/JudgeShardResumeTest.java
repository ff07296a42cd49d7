package dev.looptool.activities.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.activities.Attempt;
import dev.looptool.activities.RecordingStore;
import dev.looptool.activities.TinyRun;
import dev.looptool.activities.backends.ModelBackends;
import dev.looptool.activities.backends.TruthIndex;
import dev.looptool.core.expand.Generator;
import dev.looptool.core.judge.Judge;
import dev.looptool.core.judge.ResponseValidator;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.spec.GeneratorSpec;
import dev.looptool.workflows.spec.JudgeSpec;
import dev.looptool.workflows.stages.JudgeShardRequest;
import dev.looptool.workflows.stages.JudgeShardResult;
import dev.looptool.workflows.stages.LlmActivities;
import dev.looptool.workflows.stages.ShardRef;
import dev.looptool.workflows.stages.StageProgress;
import io.temporal.failure.CanceledFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A judge shard whose worker is stopped after its first chunk of mismatches: the next attempt asks
 * the judge only about the mismatches not yet judged and writes the same shard, byte for byte, as
 * an attempt that was never interrupted.
 */
class JudgeShardResumeTest {
  private static final String JUDGE_DIR = TinyRun.LAYOUT.iteration(1).judgeDir();
  private static final String PART = RunLayout.shard(JUDGE_DIR, 0);

  @TempDir Path interruptedDir;
  @TempDir Path freshDir;

  /** The world's backends, with every sample the judge is asked about recorded. */
  static final class CountingBackends implements ModelBackends {
    private final ModelBackends backends = TinyRun.backends();
    final List<String> judged = new CopyOnWriteArrayList<>();

    @Override
    public Judge judge(JudgeSpec spec, RunContext run) throws Exception {
      Judge judge = backends.judge(spec, run);
      return request -> {
        judged.add(request.sample().id());
        return judge.judge(request);
      };
    }

    @Override
    public ResponseValidator validator(JudgeSpec spec, RunContext run) throws Exception {
      return backends.validator(spec, run);
    }

    @Override
    public Generator generator(GeneratorSpec spec, RunContext run) throws Exception {
      return backends.generator(spec, run);
    }

    @Override
    public TruthIndex truth(RunContext run) throws Exception {
      return backends.truth(run);
    }
  }

  @Test
  void cancelledAfterTheFirstChunkJudgesOnlyTheRestAndWritesTheSameShard() throws Exception {
    TinyRun run = TinyRun.get();
    long mismatches = run.probed.mismatched();
    int chunks = (int) ((mismatches + LlmActivitiesImpl.CHUNK - 1) / LlmActivitiesImpl.CHUNK);
    assertTrue(
        chunks >= 2,
        "the tiny policy should mismatch more than one chunk of samples, got " + mismatches);
    JudgeShardRequest request =
        new JudgeShardRequest(
            new ShardRef(TinyRun.RUN_ID, 1, 0), run.seed.truthKey(), run.spec.judge());

    RecordingStore store = new RecordingStore(run.copyInto(interruptedDir));
    CountingBackends backends = new CountingBackends();
    LlmActivitiesImpl llm = new LlmActivitiesImpl(store, backends, null);
    StageProgress died;
    try (Attempt<LlmActivities> first = new Attempt<>(LlmActivities.class, llm, null, true)) {
      // A cancellation must end the attempt as cancelled, not as a (retryable) failure.
      assertThrows(CanceledFailure.class, () -> first.run(a -> a.judgeShard(request)));
      died = first.lastHeartbeat();
    }
    assertEquals(
        new StageProgress(
            "judge", 0, LlmActivitiesImpl.CHUNK, mismatches, "chunk 1/" + chunks, null, 0),
        died);
    assertEquals(List.of(PART + ".chunk-00000"), store.written);
    List<String> judgedFirst = new ArrayList<>(backends.judged);
    assertTrue(judgedFirst.size() <= LlmActivitiesImpl.CHUNK);

    store.written.clear();
    backends.judged.clear();
    JudgeShardResult resumed;
    try (Attempt<LlmActivities> second = new Attempt<>(LlmActivities.class, llm, died, false)) {
      resumed = second.run(a -> a.judgeShard(request));
      assertEquals(died, second.heartbeats.get(0), "the first heartbeat follows the skipped chunk");
    }
    List<String> expectedWrites = new ArrayList<>();
    for (int c = 1; c < chunks; c++) {
      expectedWrites.add(PART + String.format(".chunk-%05d", c));
    }
    expectedWrites.add(PART);
    assertEquals(expectedWrites, store.written, "chunk 0 must not be judged again");
    assertTrue(
        backends.judged.stream().noneMatch(judgedFirst::contains),
        "a judged mismatch was judged again");
    assertEquals(List.of(PART), store.list(JUDGE_DIR));

    LocalArtifactStore fresh = run.copyInto(freshDir);
    CountingBackends once = new CountingBackends();
    JudgeShardResult uninterrupted;
    try (Attempt<LlmActivities> attempt =
        new Attempt<>(LlmActivities.class, new LlmActivitiesImpl(fresh, once, null), null, false)) {
      uninterrupted = attempt.run(a -> a.judgeShard(request));
    }
    List<String> both = new ArrayList<>(judgedFirst);
    both.addAll(backends.judged);
    assertEquals(
        once.judged,
        both,
        "together the two attempts asked the judge exactly what one attempt asks");
    assertEquals(fresh.sha256(PART), store.sha256(PART));
    assertEquals(uninterrupted, resumed);
    assertEquals(mismatches, resumed.mismatches());
  }
}

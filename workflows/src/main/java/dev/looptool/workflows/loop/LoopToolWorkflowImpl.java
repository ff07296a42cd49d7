package dev.looptool.workflows.loop;

import dev.looptool.core.seed.IterationSeeds;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.spec.PolicySpec;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.stages.CorrectRequest;
import dev.looptool.workflows.stages.CorrectResult;
import dev.looptool.workflows.stages.CpuActivities;
import dev.looptool.workflows.stages.EvalRequest;
import dev.looptool.workflows.stages.EvalResult;
import dev.looptool.workflows.stages.ExpandShardRequest;
import dev.looptool.workflows.stages.ExpandShardResult;
import dev.looptool.workflows.stages.GpuActivities;
import dev.looptool.workflows.stages.JudgeShardRequest;
import dev.looptool.workflows.stages.JudgeShardResult;
import dev.looptool.workflows.stages.LlmActivities;
import dev.looptool.workflows.stages.MergeRequest;
import dev.looptool.workflows.stages.MergeResult;
import dev.looptool.workflows.stages.ProbeShardRequest;
import dev.looptool.workflows.stages.ProbeShardResult;
import dev.looptool.workflows.stages.ReportRequest;
import dev.looptool.workflows.stages.SeedRequest;
import dev.looptool.workflows.stages.SeedResult;
import dev.looptool.workflows.stages.StageFailures;
import dev.looptool.workflows.stages.TrainRequest;
import dev.looptool.workflows.stages.TrainResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The LoopTool loop (LOOPTOOL.md): seed → SFT warm-up (built-in model) → per iteration train →
 * probe → judge → correct → expand → merge → evaluate, then continue-as-new with the next state.
 * Deterministic: no I/O, clocks or randomness here; every stage is an activity on its pool.
 */
public class LoopToolWorkflowImpl implements LoopToolWorkflow {
  private String runId;
  private LoopState state;
  private Stage stage = Stage.SEED;
  private int shardsDone;
  private int shardsTotal;
  private boolean paused;
  private boolean stopAfterIteration;
  private RunSpec pendingSpec;
  private TrainResult lastTrained;
  private MergeResult lastMerge;

  @Override
  public LoopResult run(RunSpec input, LoopState carried) {
    runId = Workflow.getInfo().getWorkflowId();
    if (carried == null) {
      RunSpec spec =
          (input == null
                  ? new RunSpec(null, null, null, null, null, null, null, null, null)
                  : input)
              .withDefaults();
      List<String> problems = spec.problems();
      if (!problems.isEmpty()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "invalid run spec: " + String.join("; ", problems), StageFailures.BAD_INPUT);
      }
      state = start(spec);
    } else {
      state = carried;
      paused = carried.paused();
      stopAfterIteration = carried.stopAfterIteration();
    }
    RunSpec spec = state.spec();
    IterationSummary summary = runIteration(spec);
    List<IterationSummary> history = new ArrayList<>(state.history());
    history.add(summary);

    boolean last = state.iteration() >= spec.iterations();
    if (last || stopAfterIteration) {
      setStage(Stage.REPORT);
      awaitResume();
      String report = cpu("report").report(new ReportRequest(runId, SpecJson.write(spec), history));
      setStage(Stage.DONE);
      Workflow.await(Workflow::isEveryHandlerFinished);
      return new LoopResult(runId, history.size(), history, report, !last);
    }
    // Iteration boundary: settings updates take effect, history is reset by continue-as-new.
    Workflow.await(Workflow::isEveryHandlerFinished);
    RunSpec nextSpec = pendingSpec != null ? pendingSpec : spec;
    LoopState next = nextState(nextSpec, history);
    Workflow.continueAsNew(input, next);
    throw new IllegalStateException("unreachable: continue-as-new returned");
  }

  /** Seed data and the SFT warm-up: the first iteration's D_1 and π_0. */
  private LoopState start(RunSpec spec) {
    state = new LoopState(spec, 1, null, 0, null, null, null, 0, 0, 0, List.of(), false, false);
    setStage(Stage.SEED);
    awaitResume();
    SeedResult seed = cpu("seed data").prepareSeed(new SeedRequest(runId, spec));
    long budget = spec.merge().budget() > 0 ? spec.merge().budget() : seed.firstTrainCount();
    String checkpoint = null;
    if (PolicySpec.BUILTIN.equals(spec.policy().backend())) {
      setStage(Stage.SFT);
      awaitResume();
      TrainResult sft =
          gpuTraining("SFT warm-up on D_1")
              .train(
                  new TrainRequest(
                      runId,
                      0,
                      "sft",
                      seed.warmupKey() != null ? seed.warmupKey() : seed.firstTrainKey(),
                      null,
                      new RunLayout(runId).root() + "/sft/checkpoint",
                      spec.policy()));
      checkpoint = sft.checkpoint();
    }
    state =
        new LoopState(
            spec,
            1,
            seed.firstTrainKey(),
            seed.firstTrainCount(),
            seed.firstTrainPurity(),
            checkpoint,
            seed,
            seed.seedCursor(),
            seed.firstTrainCount(),
            budget,
            List.of(),
            paused,
            stopAfterIteration);
    return state;
  }

  private IterationSummary runIteration(RunSpec spec) {
    int j = state.iteration();
    RunLayout.Iteration it = new RunLayout(runId).iteration(j);
    upsertIteration(j);

    setStage(Stage.TRAIN);
    awaitResume();
    TrainResult trained =
        gpuTraining("GRPO iteration " + j)
            .train(
                new TrainRequest(
                    runId,
                    j,
                    "grpo",
                    state.trainKey(),
                    state.checkpoint(),
                    it.checkpoint(),
                    spec.policy()));

    boolean isStatic = spec.ablations().staticBaseline();
    long mastered = 0;
    long mismatched = 0;
    long unparseable = 0;
    double sumPpl = 0;
    Map<String, Long> verdicts = new TreeMap<>();
    long consensus = 0;
    CorrectResult corrected = new CorrectResult(0, 0, 0, 0, 0);
    long[] expansion = new long[5];
    MergeResult merged = null;

    if (!isStatic) {
      int shards =
          (int)
              Math.max(
                  1,
                  (state.trainCount() + spec.execution().shardSize() - 1)
                      / spec.execution().shardSize());
      setStage(Stage.PROBE);
      awaitResume();
      List<ProbeShardResult> probes =
          fanOut(
              shards,
              i ->
                  Async.function(
                      gpu("probe shard " + (i + 1) + "/" + shards)::probeShard,
                      new ProbeShardRequest(
                          runId,
                          j,
                          state.trainKey(),
                          trained.checkpoint(),
                          i,
                          spec.execution().shardSize(),
                          spec.policy())));
      for (ProbeShardResult p : probes) {
        mastered += p.mastered();
        mismatched += p.mismatched();
        unparseable += p.unparseable();
        sumPpl += p.sumPpl();
      }

      boolean jglv = !spec.ablations().noJglv();
      if (jglv) {
        setStage(Stage.JUDGE);
        awaitResume();
        String truth = state.seed().truthKey();
        List<JudgeShardResult> judged =
            fanOut(
                shards,
                i ->
                    Async.function(
                        llm("judge shard " + (i + 1) + "/" + shards)::judgeShard,
                        new JudgeShardRequest(runId, j, i, truth, spec.judge())));
        for (JudgeShardResult r : judged) {
          r.verdicts().forEach((k, v) -> verdicts.merge(k, v, Long::sum));
          consensus += r.consensus();
        }
      }

      setStage(Stage.CORRECT);
      awaitResume();
      corrected =
          cpu(jglv ? "apply verdicts" : "keep labels (no JGLV)")
              .correct(new CorrectRequest(runId, j, shards, !jglv));

      setStage(Stage.EXPAND);
      awaitResume();
      long seed = IterationSeeds.expansion(spec.policy().seed(), j);
      List<ExpandShardResult> expanded =
          fanOut(
              shards,
              i ->
                  Async.function(
                      llm(
                              (spec.ablations().noEdde() ? "repeat failures " : "expand shard ")
                                  + (i + 1)
                                  + "/"
                                  + shards)
                          ::expandShard,
                      new ExpandShardRequest(
                          runId,
                          j,
                          i,
                          state.seed().truthKey(),
                          spec.generator(),
                          spec.judge(),
                          spec.ablations().noEdde(),
                          seed,
                          !jglv)));
      for (ExpandShardResult r : expanded) {
        expansion[0] += r.failures();
        expansion[1] += r.generated();
        expansion[2] += r.validated();
        expansion[3] += r.rejected();
        expansion[4] += r.duplicates();
      }

      setStage(Stage.MERGE);
      awaitResume();
      merged =
          cpu("merge D_" + (j + 1))
              .merge(
                  new MergeRequest(
                      runId,
                      j,
                      shards,
                      shards,
                      state.seed().poolKey(),
                      state.seedCursor(),
                      state.lastSeedTaken(),
                      state.budget(),
                      state.seed().truthKey(),
                      spec.merge(),
                      spec.ablations(),
                      IterationSeeds.fill(spec.policy().seed(), j)));
    }

    setStage(Stage.EVALUATE);
    awaitResume();
    EvalResult eval =
        gpu("evaluate π_" + j + " on held-out test")
            .evaluate(
                new EvalRequest(
                    runId, j, trained.checkpoint(), state.seed().testKey(), spec.policy()));
    if (spec.execution().searchAttributes()) {
      Workflow.upsertTypedSearchAttributes(LoopSearchAttributes.ACCURACY.valueSet(eval.accuracy()));
    }

    lastTrained = trained;
    lastMerge = merged;
    long probed = mastered + mismatched;
    return new IterationSummary(
        j,
        state.trainCount(),
        state.trainPurity(),
        trained.steps(),
        trained.finalLoss(),
        trained.meanReward(),
        mastered,
        mismatched,
        probed == 0 ? 0 : sumPpl / probed,
        unparseable,
        verdicts,
        consensus,
        corrected.corrected(),
        merged == null ? corrected.quarantined() : merged.quarantined(),
        expansion[0],
        expansion[1],
        expansion[2],
        expansion[3],
        merged == null ? 0 : merged.errorSet(),
        merged == null ? 0 : merged.expansions(),
        merged == null ? 0 : merged.highPpl(),
        merged == null ? 0 : merged.seedNew(),
        merged == null ? state.trainCount() : merged.count(),
        merged == null ? state.trainPurity() : merged.labelPurity(),
        eval.accuracy(),
        new TreeMap<>(eval.byShape()));
  }

  private LoopState nextState(RunSpec nextSpec, List<IterationSummary> history) {
    MergeResult m = lastMerge;
    String checkpoint = lastTrained.checkpoint();
    if (m == null) {
      // Static baseline: the same seed data every iteration, weights continue.
      return new LoopState(
          nextSpec,
          state.iteration() + 1,
          state.trainKey(),
          state.trainCount(),
          state.trainPurity(),
          checkpoint,
          state.seed(),
          state.seedCursor(),
          state.lastSeedTaken(),
          state.budget(),
          history,
          paused,
          stopAfterIteration);
    }
    return new LoopState(
        nextSpec,
        state.iteration() + 1,
        m.nextTrainKey(),
        m.count(),
        m.labelPurity(),
        checkpoint,
        state.seed(),
        m.seedCursor(),
        m.seedNew(),
        state.budget(),
        history,
        paused,
        stopAfterIteration);
  }

  /**
   * Runs {@code n} shard activities with up to maxParallelShards in flight: the next shard starts
   * as soon as any running one finishes, so one slow shard holds one slot, not a whole wave.
   * Results come back in shard order. A failed shard fails the stage at once, and no further shard
   * starts.
   */
  private <R> List<R> fanOut(int n, IntFunction<Promise<R>> start) {
    shardsTotal = n;
    shardsDone = 0;
    int window = Math.max(1, state.spec().execution().maxParallelShards());
    List<Promise<R>> shards = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Workflow.await(() -> running(shards) < window || failed(shards) != null);
      Promise<R> failed = failed(shards);
      if (failed != null) {
        failed.get();
      }
      shards.add(
          start
              .apply(i)
              .thenApply(
                  r -> {
                    shardsDone++;
                    return r;
                  }));
    }
    Promise.allOf(shards).get();
    List<R> out = new ArrayList<>(n);
    for (Promise<R> p : shards) {
      out.add(p.get());
    }
    return out;
  }

  private static int running(List<? extends Promise<?>> shards) {
    int n = 0;
    for (Promise<?> p : shards) {
      n += p.isCompleted() ? 0 : 1;
    }
    return n;
  }

  /** The first shard that failed, or null. */
  private static <R> Promise<R> failed(List<Promise<R>> shards) {
    for (Promise<R> p : shards) {
      if (p.isCompleted() && p.getFailure() != null) {
        return p;
      }
    }
    return null;
  }

  private void awaitResume() {
    if (paused) {
      Stage was = stage;
      setStage(Stage.PAUSED);
      Workflow.await(() -> !paused);
      setStage(was);
    }
  }

  private void setStage(Stage s) {
    stage = s;
    if (s != Stage.PAUSED) {
      shardsDone = 0;
      shardsTotal = 0;
    }
    Workflow.setCurrentDetails(
        "iteration " + (state == null ? 0 : state.iteration()) + ": " + s.label());
    if (state != null && state.spec().execution().searchAttributes()) {
      Workflow.upsertTypedSearchAttributes(LoopSearchAttributes.STAGE.valueSet(s.label()));
    }
  }

  private void upsertIteration(int j) {
    if (state.spec().execution().searchAttributes()) {
      Workflow.upsertTypedSearchAttributes(LoopSearchAttributes.ITERATION.valueSet((long) j));
    }
  }

  private GpuActivities gpuTraining(String summary) {
    return Workflow.newActivityStub(
        GpuActivities.class, StageOptions.gpuTraining(state.spec().execution(), summary));
  }

  private GpuActivities gpu(String summary) {
    return Workflow.newActivityStub(
        GpuActivities.class, StageOptions.gpu(state.spec().execution(), summary));
  }

  private LlmActivities llm(String summary) {
    return Workflow.newActivityStub(
        LlmActivities.class, StageOptions.llm(state.spec().execution(), summary));
  }

  private CpuActivities cpu(String summary) {
    ActivityOptions o = StageOptions.cpu(state.spec().execution(), summary);
    return Workflow.newActivityStub(CpuActivities.class, o);
  }

  // ---------------------------------------------------------------- handlers

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
  }

  @Override
  public void stopAfterIteration() {
    stopAfterIteration = true;
  }

  @Override
  public LoopStatus status() {
    RunSpec spec = state == null ? null : state.spec();
    return new LoopStatus(
        runId,
        state == null ? 0 : state.iteration(),
        spec == null ? 0 : spec.iterations(),
        paused ? Stage.PAUSED.label() : stage.label(),
        shardsDone,
        shardsTotal,
        paused,
        stopAfterIteration,
        pendingSpec != null,
        state == null ? List.of() : state.history());
  }

  @Override
  public void validateSettings(Map<String, Object> patch) {
    RunSpec base = pendingSpec != null ? pendingSpec : state == null ? null : state.spec();
    if (base == null) {
      throw new IllegalArgumentException("the run has not started yet");
    }
    SpecPatch.apply(base, patch);
  }

  @Override
  public RunSpec updateSettings(Map<String, Object> patch) {
    RunSpec base = pendingSpec != null ? pendingSpec : state.spec();
    pendingSpec = SpecPatch.apply(base, patch);
    return pendingSpec;
  }
}

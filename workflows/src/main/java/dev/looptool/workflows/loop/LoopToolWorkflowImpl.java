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
import dev.looptool.workflows.stages.ExpandTotals;
import dev.looptool.workflows.stages.GpuActivities;
import dev.looptool.workflows.stages.JudgeShardRequest;
import dev.looptool.workflows.stages.JudgeTotals;
import dev.looptool.workflows.stages.LlmActivities;
import dev.looptool.workflows.stages.MergeRequest;
import dev.looptool.workflows.stages.MergeResult;
import dev.looptool.workflows.stages.ProbeShardRequest;
import dev.looptool.workflows.stages.ProbeTotals;
import dev.looptool.workflows.stages.ReportRequest;
import dev.looptool.workflows.stages.SeedRequest;
import dev.looptool.workflows.stages.SeedResult;
import dev.looptool.workflows.stages.ShardRef;
import dev.looptool.workflows.stages.ShardSet;
import dev.looptool.workflows.stages.ShardedStageRequest;
import dev.looptool.workflows.stages.ShardedStageResult;
import dev.looptool.workflows.stages.StageFailures;
import dev.looptool.workflows.stages.TrainRequest;
import dev.looptool.workflows.stages.TrainResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The LoopTool loop (LOOPTOOL.md): seed → SFT warm-up (built-in model) → per iteration train →
 * probe → judge → correct → expand → merge → evaluate, then continue-as-new with the next state.
 * Deterministic: no I/O, clocks or randomness here; every stage is an activity on its pool.
 *
 * <p>The loop, its stages and its handlers are one class because a workflow's state (the stage, the
 * operator's requests, pending settings) is the instance's fields, shared by all of them.
 *
 * <p>Long on purpose: the loop's order of stages, its signals, queries and update, and
 * continue-as-new read as one story; the rules it applies live in core.
 */
public class LoopToolWorkflowImpl implements LoopToolWorkflow {
  private final List<StageSpan> spans = new ArrayList<>();
  private String runId;
  private LoopState state;
  private Stage stage = Stage.SEED;
  private int shardsDone;
  private int shardsTotal;

  /** The id of the running sharded-stage child workflow, or null (see {@link #stageChildren}). */
  private String stageRun;

  /**
   * Whether this iteration runs probe, judge and expand in {@code LoopToolStage} child workflows
   * ({@code stage-children} version 1) rather than inline in the loop (histories from before it).
   */
  private boolean stageChildren;

  private boolean paused;
  private boolean stopAfterIteration;
  private RunSpec pendingSpec;

  @Override
  public LoopResult run(RunSpec input, LoopState carried) {
    runId = Workflow.getInfo().getWorkflowId();
    if (carried == null) {
      RunSpec spec = RunSpec.resolve(input);
      List<String> problems = spec.problems();
      if (!problems.isEmpty()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "invalid run spec: " + String.join("; ", problems), StageFailures.BAD_INPUT);
      }
      state = start(spec);
    } else {
      state = carried;
      paused = carried.requests().paused();
      stopAfterIteration = carried.requests().stopAfterIteration();
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
    LoopState next =
        state.next(nextSpec, summary, new OperatorRequests(paused, stopAfterIteration));
    endStage();
    Workflow.continueAsNew(input, next);
    throw new IllegalStateException("unreachable: continue-as-new returned");
  }

  /** Seed data and the SFT warm-up: the first iteration's D_1 and π_0. */
  private LoopState start(RunSpec spec) {
    state = LoopState.initial(spec);
    setStage(Stage.SEED);
    awaitResume();
    SeedResult seed = cpu("seed data").prepareSeed(new SeedRequest(runId, spec));
    String checkpoint = null;
    if (PolicySpec.BUILTIN.equals(spec.policy().backend())) {
      setStage(Stage.SFT);
      awaitResume();
      checkpoint =
          gpuTraining("SFT warm-up on D_1")
              .train(TrainRequest.warmup(runId, seed, spec.policy()))
              .checkpoint();
    }
    return state.seeded(seed, checkpoint);
  }

  /** One iteration j, stage by stage; the static baseline only trains and evaluates. */
  private IterationSummary runIteration(RunSpec spec) {
    int j = state.iteration();
    upsertIteration(j);
    TrainResult trained = train(spec, j);
    if (spec.ablations().staticBaseline()) {
      EvalResult eval = evaluate(spec, j, trained);
      return new IterationSummary(
          j,
          state.train(),
          trained,
          ProbeTotals.NONE,
          Verification.NONE,
          ExpandTotals.NONE,
          null,
          eval);
    }
    boolean jglv = !spec.ablations().noJglv();
    ShardSet shards = new ShardSet(runId, j, shardCount(spec));
    // Before this change each shard's activity was in the loop's own history, which then grew
    // with the data; a child per sharded stage keeps it constant per iteration.
    stageChildren =
        Workflow.getVersion("stage-children", Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
    ProbeTotals probe = probe(spec, shards, trained);
    JudgeTotals judged = jglv ? judge(spec, shards) : JudgeTotals.NONE;
    CorrectResult corrected = correct(shards, jglv);
    ExpandTotals expanded = expand(spec, shards, jglv);
    MergeResult merged = merge(spec, shards);
    EvalResult eval = evaluate(spec, j, trained);
    return new IterationSummary(
        j,
        state.train(),
        trained,
        probe,
        new Verification(judged, corrected),
        expanded,
        merged,
        eval);
  }

  /** Probe, judge and expand each run one shard per {@code shardSize} samples of D_j. */
  private int shardCount(RunSpec spec) {
    long size = spec.execution().shardSize();
    return (int) Math.max(1, (state.train().count() + size - 1) / size);
  }

  private TrainResult train(RunSpec spec, int j) {
    setStage(Stage.TRAIN);
    awaitResume();
    return gpuTraining("GRPO iteration " + j)
        .train(
            new TrainRequest(
                runId,
                j,
                "grpo",
                state.train().key(),
                state.checkpoint(),
                new RunLayout(runId).iteration(j).checkpoint(),
                spec.policy()));
  }

  private ProbeTotals probe(RunSpec spec, ShardSet shards, TrainResult trained) {
    setStage(Stage.PROBE);
    awaitResume();
    String trainKey = state.train().key();
    int size = spec.execution().shardSize();
    if (stageChildren) {
      ProbeShardRequest first =
          new ProbeShardRequest(
              shards.shard(0), trainKey, trained.checkpoint(), size, spec.policy());
      return stageChild(new ShardedStageRequest(shards, spec.execution(), first, null, null))
          .probe();
    }
    return ProbeTotals.sum(
        fanOut(
            shards,
            s ->
                Async.function(
                    gpu("probe shard " + ofTotal(s, shards))::probeShard,
                    new ProbeShardRequest(
                        s, trainKey, trained.checkpoint(), size, spec.policy()))));
  }

  private JudgeTotals judge(RunSpec spec, ShardSet shards) {
    setStage(Stage.JUDGE);
    awaitResume();
    String truth = state.seed().truthKey();
    if (stageChildren) {
      JudgeShardRequest first = new JudgeShardRequest(shards.shard(0), truth, spec.judge());
      return stageChild(new ShardedStageRequest(shards, spec.execution(), null, first, null))
          .judge();
    }
    return JudgeTotals.sum(
        fanOut(
            shards,
            s ->
                Async.function(
                    llm("judge shard " + ofTotal(s, shards))::judgeShard,
                    new JudgeShardRequest(s, truth, spec.judge()))));
  }

  private CorrectResult correct(ShardSet shards, boolean jglv) {
    setStage(Stage.CORRECT);
    awaitResume();
    return cpu(jglv ? "apply verdicts" : "keep labels (no JGLV)")
        .correct(new CorrectRequest(shards, !jglv));
  }

  private ExpandTotals expand(RunSpec spec, ShardSet shards, boolean jglv) {
    setStage(Stage.EXPAND);
    awaitResume();
    boolean noEdde = spec.ablations().noEdde();
    String truth = state.seed().truthKey();
    long seed = IterationSeeds.expansion(spec.policy().seed(), shards.iteration());
    if (stageChildren) {
      ExpandShardRequest first =
          new ExpandShardRequest(
              shards.shard(0), truth, spec.generator(), spec.judge(), noEdde, seed, !jglv);
      return stageChild(new ShardedStageRequest(shards, spec.execution(), null, null, first))
          .expand();
    }
    return ExpandTotals.sum(
        fanOut(
            shards,
            s ->
                Async.function(
                    llm((noEdde ? "repeat failures " : "expand shard ") + ofTotal(s, shards))
                        ::expandShard,
                    new ExpandShardRequest(
                        s, truth, spec.generator(), spec.judge(), noEdde, seed, !jglv))));
  }

  private MergeResult merge(RunSpec spec, ShardSet shards) {
    setStage(Stage.MERGE);
    awaitResume();
    int j = shards.iteration();
    return cpu("merge D_" + (j + 1))
        .merge(
            new MergeRequest(
                shards,
                state.schedule(),
                state.seed().truthKey(),
                spec.merge(),
                spec.ablations(),
                IterationSeeds.fill(spec.policy().seed(), j)));
  }

  private EvalResult evaluate(RunSpec spec, int j, TrainResult trained) {
    setStage(Stage.EVALUATE);
    awaitResume();
    EvalResult eval =
        gpu("evaluate π_" + j + " on held-out test")
            .evaluate(
                new EvalRequest(
                    runId, j, trained.checkpoint(), state.seed().test().key(), spec.policy()));
    if (spec.execution().searchAttributes()) {
      Workflow.upsertTypedSearchAttributes(LoopSearchAttributes.ACCURACY.valueSet(eval.accuracy()));
    }
    return eval;
  }

  /** "2/4": the shard's 1-based number of the stage's total, for activity summaries. */
  private static String ofTotal(ShardRef shard, ShardSet shards) {
    return ShardFanOut.ofTotal(shard, shards);
  }

  /**
   * The inline fan-out of histories recorded before {@code stage-children}: one activity per shard
   * of {@code shards} in the loop's own history ({@link ShardFanOut}).
   */
  private <R> List<R> fanOut(ShardSet shards, Function<ShardRef, Promise<R>> start) {
    shardsTotal = shards.count();
    shardsDone = 0;
    int window = state.spec().execution().maxParallelShards();
    return ShardFanOut.run(shards, window, start, () -> shardsDone++);
  }

  /**
   * Runs one sharded stage in a {@code LoopToolStage} child workflow and returns its totals. The
   * child runs on the loop's task queue and is never retried itself (its activities retry); it is
   * terminated when the loop closes, and a reset or repeated iteration may start it again under the
   * same id once the previous one closed. A failed shard's activity failure is rethrown as it is,
   * so the run fails exactly as when the loop ran the shards itself.
   */
  private ShardedStageResult stageChild(ShardedStageRequest request) {
    ShardSet shards = request.shards();
    String stageName = request.stage();
    String id = ShardedStageWorkflow.workflowId(runId, shards.iteration(), stageName);
    ShardedStageWorkflow child =
        Workflow.newChildWorkflowStub(
            ShardedStageWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setStaticSummary(
                    stageName
                        + " of iteration "
                        + shards.iteration()
                        + " of "
                        + runId
                        + ": "
                        + shards.count()
                        + " shards")
                .build());
    shardsTotal = shards.count();
    shardsDone = 0;
    stageRun = id;
    try {
      ShardedStageResult r = child.run(request);
      shardsDone = shardsTotal;
      return r;
    } catch (ChildWorkflowFailure f) {
      if (f.getCause() instanceof ActivityFailure a) {
        throw a;
      }
      throw f;
    } finally {
      stageRun = null;
    }
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
    long now = endStage();
    spans.add(new StageSpan(state == null ? 1 : state.iteration(), s.label(), now, 0));
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

  /** Ends the running stage's span (the next stage begins, or this run continues as new). */
  private long endStage() {
    long now = Workflow.currentTimeMillis();
    if (!spans.isEmpty()) {
      StageSpan last = spans.get(spans.size() - 1);
      if (last.endedMillis() == 0) {
        spans.set(spans.size() - 1, last.ended(now));
      }
    }
    return now;
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
  public List<StageSpan> stages() {
    return List.copyOf(spans);
  }

  @Override
  public LoopStatus status() {
    RunSpec spec = state == null ? null : state.spec();
    return new LoopStatus(
        runId,
        state == null ? 0 : state.iteration(),
        spec == null ? 0 : spec.iterations(),
        paused ? Stage.PAUSED.label() : stage.label(),
        new ShardProgress(shardsDone, shardsTotal, stageRun),
        new OperatorRequests(paused, stopAfterIteration),
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

package dev.looptool.workflows.loop;

import dev.looptool.workflows.stages.Composition;
import dev.looptool.workflows.stages.CorrectRequest;
import dev.looptool.workflows.stages.CorrectResult;
import dev.looptool.workflows.stages.CpuActivities;
import dev.looptool.workflows.stages.Dataset;
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
import dev.looptool.workflows.stages.MergeSchedule;
import dev.looptool.workflows.stages.ProbeShardRequest;
import dev.looptool.workflows.stages.ProbeShardResult;
import dev.looptool.workflows.stages.ReportRequest;
import dev.looptool.workflows.stages.SeedRequest;
import dev.looptool.workflows.stages.SeedResult;
import dev.looptool.workflows.stages.TrainRequest;
import dev.looptool.workflows.stages.TrainResult;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Activities that record every call (as "Stage:iteration[:shard]") and answer with small,
 * consistent numbers, so workflow tests can check which stages ran in which order.
 */
class RecordingActivities implements CpuActivities, GpuActivities, LlmActivities {
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<Object> requests = new CopyOnWriteArrayList<>();

  /** When set, Train of this iteration blocks until {@link #release} counts down. */
  volatile int blockTrainOfIteration = -1;

  final CountDownLatch trainStarted = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  /**
   * When set, ProbeShard {@code holdProbeShard} stays busy until {@link #releaseProbeShard} counts
   * down, or {@link #holdSeconds} at most (so a fan-out that never releases it fails the test
   * instead of hanging it). Starting ProbeShard {@code releasingProbeShard} releases it.
   */
  volatile int holdProbeShard = -1;

  volatile int holdSeconds = 10;

  volatile int releasingProbeShard = -1;
  final CountDownLatch releaseProbeShard = new CountDownLatch(1);

  /** When set, ProbeShard {@code failingProbeShard} fails with a non-retryable BadInput. */
  volatile int failingProbeShard = -1;

  /** "start:i" and "end:i" of every probe shard, in the order they happened. */
  final List<String> probeEvents = new CopyOnWriteArrayList<>();

  private final AtomicInteger probesRunning = new AtomicInteger();

  /** The most probe shards that ever ran at the same time. */
  final AtomicInteger maxProbesRunning = new AtomicInteger();

  static final long POOL = 1000;
  static final long D1 = 400;

  @Override
  public SeedResult prepareSeed(SeedRequest r) {
    calls.add("PrepareSeed");
    requests.add(r);
    String root = "runs/" + r.runId();
    return new SeedResult(
        new Dataset(root + "/seed/pool.jsonl", POOL, null),
        new Dataset(root + "/seed/test.jsonl", 100, null),
        new Dataset(root + "/iter-01/train.jsonl", D1, 0.9),
        null,
        root + "/world/tools.jsonl",
        root + "/world/truth.jsonl",
        3,
        D1);
  }

  @Override
  public TrainResult train(TrainRequest r) {
    calls.add("Train:" + r.phase() + ":" + r.iteration());
    requests.add(r);
    if (r.iteration() == blockTrainOfIteration) {
      trainStarted.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new TrainResult(r.outCheckpoint(), 10, 0.5, 0.25);
  }

  @Override
  public ProbeShardResult probeShard(ProbeShardRequest r) {
    int shard = r.shard().index();
    calls.add("ProbeShard:" + r.shard().iteration() + ":" + shard);
    requests.add(r);
    maxProbesRunning.accumulateAndGet(probesRunning.incrementAndGet(), Math::max);
    probeEvents.add("start:" + shard);
    if (shard == releasingProbeShard) {
      releaseProbeShard.countDown();
    }
    if (shard == holdProbeShard) {
      try {
        releaseProbeShard.await(holdSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (shard == failingProbeShard) {
      probeEvents.add("failed:" + shard);
      probesRunning.decrementAndGet();
      throw ApplicationFailure.newNonRetryableFailure("probe shard fails", "BadInput");
    }
    probeEvents.add("end:" + shard);
    probesRunning.decrementAndGet();
    return new ProbeShardResult(shard, 100, 70, 30, 150.0, 2);
  }

  @Override
  public EvalResult evaluate(EvalRequest r) {
    calls.add("Evaluate:" + r.iteration());
    requests.add(r);
    return new EvalResult(
        "runs/x/iter/eval.json",
        100,
        0.5 + 0.1 * r.iteration(),
        Map.of("single", 0.7, "parallel", 0.4));
  }

  @Override
  public JudgeShardResult judgeShard(JudgeShardRequest r) {
    calls.add("JudgeShard:" + r.shard().iteration() + ":" + r.shard().index());
    requests.add(r);
    return new JudgeShardResult(
        r.shard().index(),
        30,
        1,
        Map.of("PRED_WRONG", 20L, "LABEL_WRONG", 6L, "BOTH_WRONG", 2L, "BOTH_CORRECT", 1L),
        28);
  }

  @Override
  public CorrectResult correct(CorrectRequest r) {
    calls.add("Correct:" + r.shards().iteration() + (r.noJglv() ? ":nojglv" : ""));
    requests.add(r);
    return new CorrectResult(108, 24, 8, 4, 104);
  }

  @Override
  public ExpandShardResult expandShard(ExpandShardRequest r) {
    calls.add(
        "ExpandShard:"
            + r.shard().iteration()
            + ":"
            + r.shard().index()
            + (r.noEdde() ? ":repeat" : ""));
    requests.add(r);
    return new ExpandShardResult(r.shard().index(), 26, 104, 100, 4, 0);
  }

  @Override
  public MergeResult merge(MergeRequest r) {
    int j = r.shards().iteration();
    calls.add("Merge:" + j);
    requests.add(r);
    MergeSchedule m = r.schedule();
    long seedNew = (long) (m.lastSeedTaken() * r.merge().seedNewRatio());
    return new MergeResult(
        new Dataset(
            "runs/" + r.shards().runId() + "/iter-0" + (j + 1) + "/train.jsonl", m.budget(), 0.95),
        new Composition(108, 200, m.budget() - 308 - seedNew, seedNew),
        m.seedCursor() + seedNew,
        12);
  }

  @Override
  public String report(ReportRequest r) {
    calls.add("Report:" + r.iterations().size());
    requests.add(r);
    return "runs/" + r.runId() + "/report.html";
  }

  @Override
  public void prepareArm(dev.looptool.workflows.stages.ArmRequest r) {
    calls.add("PrepareArm:" + r.arm());
    requests.add(r);
  }

  @Override
  public String experimentReport(dev.looptool.workflows.stages.ExperimentReportRequest r) {
    calls.add("ExperimentReport:" + r.arms().size());
    requests.add(r);
    return "runs/" + r.experimentId() + "/report.html";
  }

  List<String> stages() {
    return calls.stream().map(c -> c.split(":")[0]).distinct().toList();
  }
}

package dev.looptool.activities.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.backends.ModelBackends;
import dev.looptool.activities.backends.ModelBackends.RunContext;
import dev.looptool.activities.common.ActivityErrors;
import dev.looptool.activities.common.Heartbeats;
import dev.looptool.activities.common.ResumableShard;
import dev.looptool.activities.common.StageRecords;
import dev.looptool.activities.common.StageRecords.Judged;
import dev.looptool.activities.common.StageRecords.Probed;
import dev.looptool.core.judge.Judge;
import dev.looptool.core.judge.JudgeRequest;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.RuleTier;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.stages.ExpandShardRequest;
import dev.looptool.workflows.stages.ExpandShardResult;
import dev.looptool.workflows.stages.JudgeShardRequest;
import dev.looptool.workflows.stages.JudgeShardResult;
import dev.looptool.workflows.stages.LlmActivities;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code looptool-llm} pool: judging the mismatches of a probe shard (rule tier first, then the
 * judge) and expanding verified failures (generator, then rules and the single-response validator).
 * Both write their shard in resumable chunks; a finished shard is never redone. With model-backed
 * roles the requests of the chunk being written and of the chunks after it are under way together
 * ({@link ShardPipeline}), enough to keep every endpoint at its concurrency; records are still
 * written in input order, so the shard is byte-identical to a one-request-at-a-time stage's.
 */
public final class LlmActivitiesImpl implements LlmActivities {
  static final int CHUNK = 32;

  private final ArtifactStore store;
  private final ModelBackends backends;
  private final MeterRegistry metrics;
  private final ExpandStage expand;

  public LlmActivitiesImpl(ArtifactStore store, ModelBackends backends, MeterRegistry metrics) {
    this.store = store;
    this.backends = backends;
    this.metrics = metrics;
    this.expand = new ExpandStage(store, backends, metrics);
  }

  // ---------------------------------------------------------------- judge

  @Override
  public JudgeShardResult judgeShard(JudgeShardRequest r) {
    RunLayout.Iteration it = new RunLayout(r.shard().runId()).iteration(r.shard().iteration());
    String probeKey = it.probeShard(r.shard().index());
    String judgeKey = it.judgeShard(r.shard().index());
    try {
      ResumableShard<Integer> shard =
          new ResumableShard<>(store, judgeKey, "judge", r.shard().index(), CHUNK);
      if (!shard.complete()) {
        List<Probed> mismatches = new ArrayList<>();
        for (ObjectNode o : ResumableShard.read(store, probeKey)) {
          Probed p = StageRecords.readProbed(o, probeKey);
          if (!p.probe().mastered()) {
            mismatches.add(p);
          }
        }
        Judge judge =
            backends.judge(
                r.judge(),
                new RunContext(store, r.shard().runId(), r.truthKey(), r.shard().iteration()));
        Heartbeats beats = Heartbeats.current();
        int iteration = r.shard().iteration();
        int ahead = judge instanceof LlmJudge lj ? 2 * lj.parallelism() + CHUNK : 0;
        try (ShardPipeline<Probed, ObjectNode> pipeline =
            new ShardPipeline<>(
                mismatches,
                p -> judgeOne(judge, p, iteration),
                ahead,
                beats,
                "judge",
                r.shard().index(),
                CHUNK)) {
          shard.run(ShardPipeline.positions(mismatches.size()), pipeline::take, beats);
        }
      }
      return judgeStats(r.shard().index(), judgeKey);
    } catch (Exception e) {
      throw ActivityErrors.at("judge", r.shard().runId())
          .inRunOf(store)
          .iteration(r.shard().iteration())
          .shard(r.shard().index())
          .translate(e);
    }
  }

  private CompletableFuture<ObjectNode> judgeOne(Judge judge, Probed p, int iteration) {
    JudgeRequest request = JudgeRequest.of(p.sample(), p.probe().prediction(), iteration);
    RuleTier.Outcome rule = RuleTier.apply(p.sample(), request.prediction());
    CompletableFuture<Judgement> j =
        rule == RuleTier.Outcome.IDENTICAL
            ? CompletableFuture.completedFuture(RuleTier.identical(p.sample().id()))
            : judge instanceof LlmJudge lj
                ? lj.judgeAsync(request)
                : ShardPipeline.now(() -> judge.judge(request));
    return Futures.map(
        j,
        judgement -> {
          if (metrics != null) {
            metrics.counter("looptool.verdicts", "verdict", judgement.verdict().name()).increment();
            metrics.counter("looptool.samples", "stage", "judge").increment();
          }
          return StageRecords.write(new Judged(p.sample(), p.probe(), rule.name(), judgement));
        });
  }

  private JudgeShardResult judgeStats(int shard, String judgeKey) throws IOException {
    Map<String, Long> verdicts = new TreeMap<>();
    long n = 0;
    long rule = 0;
    long consensus = 0;
    for (ObjectNode o : ResumableShard.read(store, judgeKey)) {
      Judged j = StageRecords.readJudged(o, judgeKey);
      n++;
      if (!RuleTier.Outcome.UNDECIDED.name().equals(j.rule())) {
        rule++;
      }
      if (j.judgement().consensus()) {
        consensus++;
      }
      verdicts.merge(j.judgement().verdict().name(), 1L, Long::sum);
    }
    return new JudgeShardResult(shard, n, rule, verdicts, consensus);
  }

  // ---------------------------------------------------------------- expand

  @Override
  public ExpandShardResult expandShard(ExpandShardRequest r) {
    try {
      return expand.run(r);
    } catch (Exception e) {
      throw ActivityErrors.at("expand", r.shard().runId())
          .inRunOf(store)
          .iteration(r.shard().iteration())
          .shard(r.shard().index())
          .translate(e);
    }
  }
}

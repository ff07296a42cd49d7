package dev.looptool.activities.cpu;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.backends.ModelBackends;
import dev.looptool.activities.backends.ModelBackends.RunContext;
import dev.looptool.activities.backends.SeedWorld;
import dev.looptool.activities.common.ActivityErrors;
import dev.looptool.activities.common.Heartbeats;
import dev.looptool.activities.common.IterationRecords;
import dev.looptool.activities.common.ResumableShard;
import dev.looptool.activities.common.RunFiles;
import dev.looptool.activities.common.StageRecords;
import dev.looptool.core.correct.Correction;
import dev.looptool.core.merge.MergePolicy;
import dev.looptool.core.merge.NextDataset;
import dev.looptool.core.model.Sample;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.spec.MergeSpec;
import dev.looptool.workflows.stages.ArmRequest;
import dev.looptool.workflows.stages.Composition;
import dev.looptool.workflows.stages.CorrectRequest;
import dev.looptool.workflows.stages.CorrectResult;
import dev.looptool.workflows.stages.CpuActivities;
import dev.looptool.workflows.stages.Dataset;
import dev.looptool.workflows.stages.ExperimentReportRequest;
import dev.looptool.workflows.stages.MergeRequest;
import dev.looptool.workflows.stages.MergeResult;
import dev.looptool.workflows.stages.ReportRequest;
import dev.looptool.workflows.stages.SeedRequest;
import dev.looptool.workflows.stages.SeedResult;
import dev.looptool.workflows.stages.StageProgress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code looptool-cpu} pool: seed data (synthetic world or the user's files), correction of
 * judged labels, the merge of the next dataset, and the run report. Every output is rewritten whole
 * and atomically from its inputs, so a retry produces the same bytes.
 */
public final class CpuActivitiesImpl implements CpuActivities {
  private final ArtifactStore store;
  private final ModelBackends backends;
  private final SeedStage seed;

  public CpuActivitiesImpl(ArtifactStore store, SeedWorld world, ModelBackends backends) {
    this.store = store;
    this.backends = backends;
    this.seed = new SeedStage(store, world, backends);
  }

  // ---------------------------------------------------------------- seed

  @Override
  public SeedResult prepareSeed(SeedRequest r) {
    try (Heartbeats.KeepAlive alive = keepAlive("seed")) {
      return seed.prepare(r.runId(), r.spec());
    } catch (Exception e) {
      throw ActivityErrors.at("seed", r.runId()).translate(e);
    }
  }

  /**
   * The merge's share bounds. A run started before they existed carries a spec without them and
   * keeps the rule it started with: no bounds.
   */
  static MergePolicy.Shares shares(MergeSpec m) {
    return new MergePolicy.Shares(
        m.maxHardShare() == null ? MergePolicy.Shares.UNBOUNDED.maxHard() : m.maxHardShare(),
        m.minFillShare() == null ? MergePolicy.Shares.UNBOUNDED.minFill() : m.minFillShare());
  }

  // ---------------------------------------------------------------- experiments

  @Override
  public void prepareArm(ArmRequest r) {
    try (Heartbeats.KeepAlive alive = keepAlive("arm")) {
      // The arm's run is new; the experiment's, seeded before it, must be in this store.
      ActivityErrors.at("arm " + r.arm(), r.experimentId()).inRunOf(store).requireRun();
      SeedStage.writeManifest(
          store,
          new RunLayout(r.runId()),
          r.spec(),
          m -> m.put("experiment", r.experimentId()).put("arm", r.arm()));
    } catch (Exception e) {
      throw ActivityErrors.at("arm " + r.arm(), r.runId()).translate(e);
    }
  }

  @Override
  public String experimentReport(ExperimentReportRequest r) {
    RunLayout layout = new RunLayout(r.experimentId());
    return publishReport(
        ActivityErrors.at("experiment report", r.experimentId()).inRunOf(store),
        layout.experimentSummary(),
        layout.report(),
        () -> {
          ExperimentReport report = ExperimentReport.of(store, r);
          return new ReportFiles(report.summary(), report.html());
        });
  }

  // ---------------------------------------------------------------- correct

  @Override
  public CorrectResult correct(CorrectRequest r) {
    RunLayout.Iteration it = new RunLayout(r.shards().runId()).iteration(r.shards().iteration());
    try (Heartbeats.KeepAlive alive = keepAlive("correct")) {
      List<Correction.Mismatch> mismatches = new ArrayList<>();
      for (int i = 0; i < r.shards().count(); i++) {
        mismatches.addAll(IterationRecords.mismatches(store, it, i, r.noJglv()));
      }
      Correction.Result c = Correction.apply(mismatches, r.shards().iteration());
      List<Sample> errors = c.errorSet();
      List<ObjectNode> quarantine = new ArrayList<>();
      for (Correction.Quarantined q : c.quarantined()) {
        quarantine.add(
            StageRecords.rejected(q.sample(), q.reason(), "judge", r.shards().iteration()));
      }
      long corrected = c.corrected();
      long bothCorrect = c.bothCorrect();
      long failures = c.failures();
      RunFiles.writeSamples(store, it.errors(), errors);
      writeRecords(it.bothWrong(), quarantine);
      return new CorrectResult(errors.size(), corrected, quarantine.size(), bothCorrect, failures);
    } catch (Exception e) {
      throw ActivityErrors.at("correct", r.shards().runId())
          .inRunOf(store)
          .iteration(r.shards().iteration())
          .translate(e);
    }
  }

  // ---------------------------------------------------------------- merge

  @Override
  public MergeResult merge(MergeRequest r) {
    RunLayout layout = new RunLayout(r.shards().runId());
    RunLayout.Iteration it = layout.iteration(r.shards().iteration());
    try (Heartbeats.KeepAlive alive = keepAlive("merge")) {
      List<Sample> errorSet = RunFiles.readAll(store, it.errors());
      List<NextDataset.ProbeShard> probeShards = new ArrayList<>();
      for (int i = 0; i < r.shards().count(); i++) {
        probeShards.add(IterationRecords.probeShard(store, it, i, r.ablations().noJglv()));
      }
      List<List<Sample>> expansionShards = new ArrayList<>();
      for (int i = 0; i < r.shards().count(); i++) {
        expansionShards.add(RunFiles.readAll(store, it.expandShard(i)));
      }
      long poolCount = RunFiles.countLines(store, r.schedule().poolKey());

      NextDataset.Composition composition =
          NextDataset.compose(
              new NextDataset.Inputs(
                  errorSet, probeShards, expansionShards, poolCount - r.schedule().seedCursor()),
              new NextDataset.Rules(
                  r.schedule().budget(),
                  r.schedule().lastSeedTaken(),
                  r.merge().seedNewRatio(),
                  r.ablations().noJglv(),
                  r.ablations().randomFill(),
                  r.fillSeed(),
                  shares(r.merge())));
      MergePolicy.Plan plan = composition.plan();
      List<Sample> fill = composition.fill();
      List<Sample> seedNew =
          RunFiles.readRange(
              store,
              r.schedule().poolKey(),
              r.schedule().seedCursor(),
              r.schedule().seedCursor() + plan.seedNew());
      List<Sample> next = composition.next(seedNew);

      // The iteration's quarantine: BOTH_WRONG, then per expansion shard its duplicates of the
      // pool and the samples the shard itself rejected.
      List<ObjectNode> quarantine = new ArrayList<>(readRecords(it.bothWrong()));
      for (int i = 0; i < r.shards().count(); i++) {
        for (Sample s : composition.duplicates().get(i)) {
          quarantine.add(
              StageRecords.rejected(
                  s, "duplicate of a sample already in the pool", "merge", r.shards().iteration()));
        }
        quarantine.addAll(readRecords(it.expandRejects(i)));
      }
      String nextKey = layout.iteration(r.shards().iteration() + 1).train();
      RunFiles.writeSamples(store, nextKey, next);
      writeRecords(it.quarantine(), quarantine);

      Double purity =
          r.truthKey() == null
              ? null
              : backends
                  .truth(
                      new RunContext(
                          store, r.shards().runId(), r.truthKey(), r.shards().iteration()))
                  .purity(next);
      return new MergeResult(
          new Dataset(nextKey, next.size(), purity),
          new Composition(plan.errorSet(), plan.expansions(), fill.size(), seedNew.size()),
          r.schedule().seedCursor() + seedNew.size(),
          quarantine.size());
    } catch (Exception e) {
      throw ActivityErrors.at("merge", r.shards().runId())
          .inRunOf(store)
          .iteration(r.shards().iteration())
          .translate(e);
    }
  }

  // ---------------------------------------------------------------- report

  @Override
  public String report(ReportRequest r) {
    RunLayout layout = new RunLayout(r.runId());
    return publishReport(
        ActivityErrors.at("report", r.runId()).inRunOf(store),
        layout.summary(),
        layout.report(),
        () -> new ReportFiles(FlatIterationSummary.of(r.iterations()), RunReport.html(r, store)));
  }

  /** What a report stage writes: its summary as JSON and its page. */
  private record ReportFiles(Object summary, String html) {}

  /**
   * A report stage (the run's, an experiment's): refuses a store without the run first, since a
   * report shows what it finds and would otherwise be written into the wrong store; then writes the
   * summary and the page, each atomically, and returns the page's key.
   */
  private String publishReport(
      ActivityErrors errors,
      String summaryKey,
      String pageKey,
      java.util.concurrent.Callable<ReportFiles> make) {
    try (Heartbeats.KeepAlive alive = keepAlive(errors.stage())) {
      errors.requireRun();
      ReportFiles files = make.call();
      RunFiles.writeJson(store, summaryKey, files.summary());
      RunFiles.writeText(store, pageKey, files.html());
      return pageKey;
    } catch (Exception e) {
      throw errors.translate(e);
    }
  }

  // ---------------------------------------------------------------- helpers

  private void writeRecords(String key, List<ObjectNode> records) throws IOException {
    RunFiles.writeRecords(store, key, records);
  }

  private List<ObjectNode> readRecords(String key) throws IOException {
    return store.exists(key) ? ResumableShard.read(store, key) : List.of();
  }

  /** The background heartbeat of a CPU stage, which has no step to beat on. */
  private static Heartbeats.KeepAlive keepAlive(String stage) {
    return Heartbeats.current().keepAlive(new StageProgress(stage, 0, 0, 0, "working", null, 0));
  }
}

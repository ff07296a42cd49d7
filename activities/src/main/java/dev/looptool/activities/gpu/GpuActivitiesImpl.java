package dev.looptool.activities.gpu;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.backends.Endpoints;
import dev.looptool.activities.common.ActivityErrors;
import dev.looptool.activities.common.Heartbeats;
import dev.looptool.activities.common.ResumableShard;
import dev.looptool.activities.common.RunFiles;
import dev.looptool.activities.common.StageRecords;
import dev.looptool.activities.common.StageRecords.Probed;
import dev.looptool.activities.llm.LlmBackends;
import dev.looptool.activities.trainer.ExternalTrainer;
import dev.looptool.activities.trainer.TrainJob;
import dev.looptool.activities.trainer.TrainerConfig;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ProbeResult;
import dev.looptool.core.policy.Prober;
import dev.looptool.core.policy.TrainingProgress;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.policy.PolicyConfig;
import dev.looptool.policy.PolicyModel;
import dev.looptool.policy.PolicyTrainer;
import dev.looptool.policy.train.Checkpoint;
import dev.looptool.workflows.spec.PolicySpec;
import dev.looptool.workflows.stages.EvalRequest;
import dev.looptool.workflows.stages.EvalResult;
import dev.looptool.workflows.stages.GpuActivities;
import dev.looptool.workflows.stages.ProbeShardRequest;
import dev.looptool.workflows.stages.ProbeShardResult;
import dev.looptool.workflows.stages.StageProgress;
import dev.looptool.workflows.stages.TrainRequest;
import dev.looptool.workflows.stages.TrainResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code looptool-gpu} pool with the built-in model: training (SFT warm-up and GRPO, resuming
 * from the newest checkpoint on retry), sharded greedy probing in resumable chunks, and held-out
 * evaluation; with the external backend, a trainer command and the policy's prober endpoint.
 * Register it on a worker with one activity slot per GPU.
 */
public final class GpuActivitiesImpl implements GpuActivities {
  private static final Logger LOG = LoggerFactory.getLogger(GpuActivitiesImpl.class);

  private final ArtifactStore store;
  private final MeterRegistry metrics;
  private final AtomicLong tokensPerSecond = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicReference<Double> lastLoss =
      new java.util.concurrent.atomic.AtomicReference<>(Double.NaN);
  private final java.util.concurrent.atomic.AtomicReference<Double> lastReward =
      new java.util.concurrent.atomic.AtomicReference<>(Double.NaN);
  private final java.util.concurrent.atomic.AtomicReference<Double> heldOutAccuracy =
      new java.util.concurrent.atomic.AtomicReference<>(Double.NaN);

  private final LlmBackends llm;

  /**
   * {@code llm} serves the external policy's prober endpoint; null when only the built-in model
   * runs here.
   */
  public GpuActivitiesImpl(ArtifactStore store, MeterRegistry metrics, LlmBackends llm) {
    this.store = store;
    this.metrics = metrics;
    this.llm = llm;
    if (metrics != null) {
      metrics.gauge("looptool.train.tokens_per_second", tokensPerSecond);
      metrics.gauge(
          "looptool.train.loss", lastLoss, java.util.concurrent.atomic.AtomicReference::get);
      metrics.gauge(
          "looptool.train.reward", lastReward, java.util.concurrent.atomic.AtomicReference::get);
      metrics.gauge(
          "looptool.heldout.accuracy",
          heldOutAccuracy,
          java.util.concurrent.atomic.AtomicReference::get);
    }
  }

  @Override
  public TrainResult train(TrainRequest r) {
    try {
      if (PolicySpec.EXTERNAL.equals(r.policy().backend())) {
        return trainExternal(r);
      }
      PolicyConfig cfg = PolicyConfigs.forPhase(r.policy(), r.phase(), r.iteration());
      Heartbeats hb = Heartbeats.current();
      Path out = store.path(r.outCheckpoint());
      Path init = r.initCheckpoint() == null ? null : store.path(r.initCheckpoint());
      TrainingProgress.Listener listener = heartbeating(hb);
      // A worker killed while writing a checkpoint leaves a temporary directory: drop it.
      store.removeTemporaries(r.outCheckpoint() + "/step-");
      if (hb.attempt() > 1) {
        // The trainer resumes from the newest complete checkpoint, which may be newer than the
        // last heartbeat the server kept (heartbeats are throttled).
        Path latest = Checkpoint.latest(out);
        LOG.info(
            "{} of iteration {}: attempt {} resumes from {}",
            r.phase(),
            r.iteration(),
            hb.attempt(),
            latest == null ? "the start (no checkpoint was written)" : latest);
      }
      PolicyTrainer.Result res =
          "sft".equals(r.phase())
              ? PolicyTrainer.sft(store.path(r.trainKey()), init, out, cfg, listener)
              : PolicyTrainer.grpo(store.path(r.trainKey()), init, out, cfg, listener);
      return new TrainResult(r.outCheckpoint(), res.steps(), res.lastLoss(), res.lastReward());
    } catch (Exception e) {
      throw trainErrors(r).translate(e);
    }
  }

  private static ActivityErrors trainErrors(TrainRequest r) {
    return ActivityErrors.at(r.phase(), r.runId()).iteration(r.iteration());
  }

  /** Heartbeats every progress report (the SDK throttles them) and counts training steps. */
  private TrainingProgress.Listener heartbeating(Heartbeats hb) {
    long[] lastStep = {0};
    return p -> {
      hb.beat(
          new StageProgress(
              p.phase(),
              0,
              p.step(),
              p.totalSteps(),
              Double.isNaN(p.meanReward())
                  ? String.format(
                      Locale.ROOT, "loss %.4f, %.0f tokens/s", p.loss(), p.tokensPerSecond())
                  : String.format(
                      Locale.ROOT,
                      "loss %.4f, reward %.3f, %.0f tokens/s",
                      p.loss(),
                      p.meanReward(),
                      p.tokensPerSecond()),
              p.checkpoint(),
              0));
      if (metrics != null) {
        metrics
            .counter("looptool.train.steps", "phase", p.phase())
            .increment(Math.max(0, p.step() - lastStep[0]));
        tokensPerSecond.set((long) p.tokensPerSecond());
        lastLoss.set(p.loss());
        if (!Double.isNaN(p.meanReward())) {
          lastReward.set(p.meanReward());
        }
      }
      lastStep[0] = p.step();
    };
  }

  @Override
  public ProbeShardResult probeShard(ProbeShardRequest r) {
    RunLayout.Iteration it = new RunLayout(r.shard().runId()).iteration(r.shard().iteration());
    String key = RunLayout.shard(it.probeDir(), r.shard().index());
    try {
      ResumableShard<Sample> shard =
          new ResumableShard<>(store, key, "probe", r.shard().index(), 64);
      if (!shard.complete()) {
        long from = (long) r.shard().index() * r.shardSize();
        List<Sample> samples = RunFiles.readRange(store, r.trainKey(), from, from + r.shardSize());
        try (Prober model = openProber(r.policy(), r.checkpoint())) {
          shard.run(
              samples,
              chunk -> {
                List<ProbeResult> results = model.probe(chunk);
                List<ObjectNode> out = new ArrayList<>(chunk.size());
                for (int i = 0; i < chunk.size(); i++) {
                  out.add(StageRecords.write(new Probed(chunk.get(i), results.get(i))));
                }
                if (metrics != null) {
                  metrics.counter("looptool.samples", "stage", "probe").increment(chunk.size());
                }
                return out;
              },
              Heartbeats.current());
        }
      }
      long n = 0;
      long mastered = 0;
      long unparseable = 0;
      double sumPpl = 0;
      for (ObjectNode o : ResumableShard.read(store, key)) {
        ProbeResult p = StageRecords.readProbed(o, key).probe();
        n++;
        mastered += p.mastered() ? 1 : 0;
        unparseable += p.parseError() != null ? 1 : 0;
        sumPpl += p.ppl();
      }
      return new ProbeShardResult(
          r.shard().index(), n, mastered, n - mastered, sumPpl, unparseable);
    } catch (Exception e) {
      throw ActivityErrors.at("probe", r.shard().runId())
          .iteration(r.shard().iteration())
          .shard(r.shard().index())
          .translate(e);
    }
  }

  @Override
  public EvalResult evaluate(EvalRequest r) {
    RunLayout.Iteration it = new RunLayout(r.runId()).iteration(r.iteration());
    try (Prober model = openProber(r.policy(), r.checkpoint())) {
      List<Sample> test = RunFiles.readAll(store, r.testKey());
      Heartbeats hb = Heartbeats.current();
      List<ProbeResult> results = new ArrayList<>(test.size());
      for (int from = 0; from < test.size(); from += 64) {
        results.addAll(model.probe(test.subList(from, Math.min(test.size(), from + 64))));
        hb.beat(
            new StageProgress(
                "evaluate",
                0,
                results.size(),
                test.size(),
                "decoding the held-out test",
                r.checkpoint(),
                0));
      }
      PolicyModel.Evaluation ev = PolicyModel.Evaluation.of(test, results);
      Map<String, Double> byShape = new TreeMap<>();
      ev.byShape().forEach((shape, g) -> byShape.put(shape, g.accuracy()));
      ObjectNode o = Json.object();
      o.put("iteration", r.iteration());
      o.put("checkpoint", r.checkpoint());
      o.put("test", r.testKey());
      o.put("samples", ev.samples());
      o.put("matched", ev.matched());
      o.put("unparseable", ev.unparseable());
      o.put("accuracy", ev.accuracy());
      ObjectNode shapes = o.putObject("by_shape");
      ev.byShape()
          .forEach(
              (shape, g) -> {
                ObjectNode s = shapes.putObject(shape);
                s.put("samples", g.samples());
                s.put("matched", g.matched());
                s.put("accuracy", g.accuracy());
              });
      store.write(
          it.eval(),
          os -> os.write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(o)));
      if (metrics != null) {
        metrics.counter("looptool.samples", "stage", "evaluate").increment(ev.samples());
      }
      heldOutAccuracy.set(ev.accuracy());
      return new EvalResult(it.eval(), ev.samples(), ev.accuracy(), byShape);
    } catch (Exception e) {
      // Cancellation reaches this method through its heartbeats and must leave it untouched.
      throw ActivityErrors.at("evaluate", r.runId()).iteration(r.iteration()).translate(e);
    }
  }

  /**
   * The policy to decode with: the built-in model from its checkpoint, or the external policy's
   * endpoint.
   */
  private Prober openProber(PolicySpec p, String checkpointKey) throws IOException {
    if (PolicySpec.EXTERNAL.equals(p.backend())) {
      if (llm == null) {
        throw new BadInputException(
            "policy.backend is 'external' but this GPU worker has no model-server client");
      }
      return llm.prober(Endpoints.config(p.prober(), "policy.prober"), p.maxNewTokens());
    }
    return PolicyModel.load(store.path(checkpointKey));
  }

  /**
   * Runs the external trainer command; its JSON progress lines become heartbeats, and a retry
   * passes the last checkpoint it reported so training resumes there.
   */
  private TrainResult trainExternal(TrainRequest r) {
    PolicySpec.ExternalTrainerSpec ext = r.policy().external();
    if (ext == null || ext.command() == null || ext.command().isEmpty()) {
      throw new BadInputException(
          "policy.external.command: required when policy.backend is 'external'");
    }
    Heartbeats hb = Heartbeats.current();
    String resume = hb.previous().map(StageProgress::checkpoint).orElse(null);
    ExternalTrainer trainer =
        new ExternalTrainer(new TrainerConfig(ext.command(), ext.workingDir(), null, null, 0, 0));
    Path out = store.path(r.outCheckpoint());
    TrainJob job =
        new TrainJob(
            store.path(r.trainKey()),
            r.initCheckpoint() == null ? null : store.path(r.initCheckpoint()).toString(),
            out,
            r.iteration(),
            r.policy().seed() * 1_000_003L + r.iteration(),
            out.resolve("trainer.log"));
    try {
      dev.looptool.activities.trainer.TrainResult res =
          trainer.train(job, resume, heartbeating(hb));
      TrainingProgress last = res.lastProgress();
      return new TrainResult(
          res.checkpoint() != null ? res.checkpoint() : r.outCheckpoint(),
          last.step(),
          last.loss(),
          last.meanReward());
    } catch (Exception e) {
      throw trainErrors(r).translate(e);
    }
  }
}

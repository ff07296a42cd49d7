package dev.looptool.activities.gpu;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.common.BadInput;
import dev.looptool.activities.common.Heartbeats;
import dev.looptool.activities.common.ResumableShard;
import dev.looptool.activities.common.RunFiles;
import dev.looptool.activities.common.StageRecords;
import dev.looptool.activities.common.StageRecords.Probed;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ProbeResult;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.policy.PolicyConfig;
import dev.looptool.policy.PolicyModel;
import dev.looptool.policy.PolicyTrainer;
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
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.looptool.core.policy.TrainingProgress;

/**
 * The {@code looptool-gpu} pool with the built-in model: training (SFT warm-up and GRPO, resuming
 * from the newest checkpoint on retry), sharded greedy probing in resumable chunks, and held-out
 * evaluation. Register it on a worker with one activity slot per GPU.
 */
public final class GpuActivitiesImpl implements GpuActivities {
  private static final Logger LOG = LoggerFactory.getLogger(GpuActivitiesImpl.class);

  private final ArtifactStore store;
  private final MeterRegistry metrics;
  private final AtomicLong tokensPerSecond = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicReference<Double> heldOutAccuracy = new java.util.concurrent.atomic.AtomicReference<>(Double.NaN);

  public GpuActivitiesImpl(ArtifactStore store, MeterRegistry metrics) {
    this.store = store;
    this.metrics = metrics;
    if (metrics != null) {
      metrics.gauge("looptool.train.tokens_per_second", tokensPerSecond);
      metrics.gauge("looptool.heldout.accuracy", heldOutAccuracy, java.util.concurrent.atomic.AtomicReference::get);
    }
  }

  @Override
  public TrainResult train(TrainRequest r) {
    requireBuiltin(r.policy());
    PolicyConfig cfg = PolicyConfigs.forPhase(r.policy(), r.phase(), r.iteration());
    Heartbeats hb = Heartbeats.current();
    hb.previous().ifPresent(p -> LOG.info("{} of iteration {}: attempt {} resumes after step {} (checkpoint {})",
        r.phase(), r.iteration(), hb.attempt(), p.done(), p.checkpoint()));
    Path out = store.path(r.outCheckpoint());
    Path init = r.initCheckpoint() == null ? null : store.path(r.initCheckpoint());
    TrainingProgress.Listener listener = heartbeating(hb);
    try {
      PolicyTrainer.Result res = "sft".equals(r.phase())
          ? PolicyTrainer.sft(store.path(r.trainKey()), init, out, cfg, listener)
          : PolicyTrainer.grpo(store.path(r.trainKey()), init, out, cfg, listener);
      return new TrainResult(r.outCheckpoint(), res.steps(), res.lastLoss(), res.lastReward());
    } catch (IllegalArgumentException e) {
      throw BadInput.of(r.phase() + " of iteration " + r.iteration() + " on " + r.trainKey() + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(r.phase() + " of iteration " + r.iteration() + ": " + e.getMessage(), e);
    }
  }

  /** Heartbeats every progress report (the SDK throttles them) and counts training steps. */
  private TrainingProgress.Listener heartbeating(Heartbeats hb) {
    long[] lastStep = {0};
    return p -> {
      hb.beat(new StageProgress(p.phase(), 0, p.step(), p.totalSteps(),
          String.format(Locale.ROOT, "loss %.4f, reward %.3f, %.0f tokens/s", p.loss(), p.meanReward(), p.tokensPerSecond()),
          p.checkpoint()));
      if (metrics != null) {
        metrics.counter("looptool.train.steps", "phase", p.phase()).increment(Math.max(0, p.step() - lastStep[0]));
        tokensPerSecond.set((long) p.tokensPerSecond());
      }
      lastStep[0] = p.step();
    };
  }

  @Override
  public ProbeShardResult probeShard(ProbeShardRequest r) {
    requireBuiltin(r.policy());
    RunLayout.Iteration it = new RunLayout(r.runId()).iteration(r.iteration());
    String key = RunLayout.shard(it.probeDir(), r.shard());
    try {
      ResumableShard<Sample> shard = new ResumableShard<>(store, key, "probe", r.shard(), 64);
      if (!shard.complete()) {
        long from = (long) r.shard() * r.shardSize();
        List<Sample> samples = RunFiles.readRange(store, r.trainKey(), from, from + r.shardSize());
        try (PolicyModel model = PolicyModel.load(store.path(r.checkpoint()))) {
          shard.run(samples, chunk -> {
            List<ProbeResult> results = model.probe(chunk);
            List<ObjectNode> out = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
              out.add(StageRecords.write(new Probed(chunk.get(i), results.get(i))));
            }
            if (metrics != null) {
              metrics.counter("looptool.samples", "stage", "probe").increment(chunk.size());
            }
            return out;
          }, Heartbeats.current());
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
      return new ProbeShardResult(r.shard(), n, mastered, n - mastered, sumPpl, unparseable);
    } catch (ApplicationFailure | ActivityCompletionException e) {
      // Cancellation and heartbeat timeouts surface through heartbeats; wrapping them would turn a
      // cancelled attempt into a retryable failure.
      throw e;
    } catch (Exception e) {
      throw new RuntimeException("probing shard " + r.shard() + " of iteration " + r.iteration() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public EvalResult evaluate(EvalRequest r) {
    requireBuiltin(r.policy());
    RunLayout.Iteration it = new RunLayout(r.runId()).iteration(r.iteration());
    try (PolicyModel model = PolicyModel.load(store.path(r.checkpoint()))) {
      List<Sample> test = RunFiles.readAll(store, r.testKey());
      Heartbeats.current().beat(new StageProgress("evaluate", 0, 0, test.size(), "decoding the held-out test", r.checkpoint()));
      PolicyModel.Evaluation ev = model.evaluate(test);
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
      ev.byShape().forEach((shape, g) -> {
        ObjectNode s = shapes.putObject(shape);
        s.put("samples", g.samples());
        s.put("matched", g.matched());
        s.put("accuracy", g.accuracy());
      });
      store.write(it.eval(), os -> os.write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(o)));
      if (metrics != null) {
        metrics.counter("looptool.samples", "stage", "evaluate").increment(ev.samples());
      }
      heldOutAccuracy.set(ev.accuracy());
      return new EvalResult(it.eval(), ev.samples(), ev.accuracy(), byShape);
    } catch (IOException e) {
      throw new UncheckedIOException("evaluating iteration " + r.iteration() + ": " + e.getMessage(), e);
    }
  }

  private static void requireBuiltin(PolicySpec p) {
    if (!PolicySpec.BUILTIN.equals(p.backend())) {
      throw BadInput.of("this GPU worker runs the built-in policy; policy.backend is '" + p.backend() + "'");
    }
  }
}

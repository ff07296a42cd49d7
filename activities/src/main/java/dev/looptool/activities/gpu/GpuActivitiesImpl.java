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
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.activities.llm.OpenAiProber;
import dev.looptool.activities.serve.ModelServers;
import dev.looptool.activities.serve.ServedModels;
import dev.looptool.activities.trainer.ExternalTrainer;
import dev.looptool.activities.trainer.TrainJob;
import dev.looptool.activities.trainer.TrainerConfig;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ProbeResult;
import dev.looptool.core.policy.Prober;
import dev.looptool.core.policy.TrainingProgress;
import dev.looptool.core.policy.TrainingTrace;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.policy.PolicyConfig;
import dev.looptool.policy.PolicyModel;
import dev.looptool.policy.PolicyTrainer;
import dev.looptool.policy.train.Checkpoint;
import dev.looptool.workflows.spec.EndpointSpec;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code looptool-gpu} pool with the built-in model: training (SFT warm-up and GRPO, resuming
 * from the newest checkpoint on retry), sharded greedy probing in resumable chunks, and held-out
 * evaluation; with the external backend, a trainer command and the policy's prober endpoint. With
 * {@code policy.server} (either backend) each checkpoint is probed and evaluated through a server
 * that serves it: one this worker starts ({@link ModelServers}) or the prober's, told to load it.
 * Register it on a worker with one activity slot per GPU; close it to stop the servers.
 *
 * <p>Long on purpose: the GPU pool's four activities share how a checkpoint is opened (in this
 * worker or through a served endpoint) and how their failures translate; splitting them would
 * scatter that.
 */
public final class GpuActivitiesImpl implements GpuActivities, AutoCloseable {
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
  private ModelServers servers;
  private final java.util.function.Function<String, String> env;

  /**
   * {@code llm} serves the external policy's prober endpoint; null when only the built-in model
   * runs here. Model servers log under {@link ModelServers#defaultLogDir()}.
   */
  public GpuActivitiesImpl(ArtifactStore store, MeterRegistry metrics, LlmBackends llm) {
    this(store, metrics, llm, null, System::getenv);
  }

  /**
   * With the model servers given (closed with this; null: made when first needed) and the
   * environment lookup the external trainer's {@code passEnvironment} is checked against.
   */
  public GpuActivitiesImpl(
      ArtifactStore store,
      MeterRegistry metrics,
      LlmBackends llm,
      ModelServers servers,
      java.util.function.Function<String, String> env) {
    this.store = store;
    this.metrics = metrics;
    this.llm = llm;
    this.servers = servers;
    this.env = env;
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
      PolicyTrainer.Result res;
      // Steps heartbeat; reading and tokenizing a large D_j before the first one, and writing a
      // checkpoint, are kept alive in the background.
      try (Heartbeats.KeepAlive alive =
          hb.keepAlive(new StageProgress(r.phase(), 0, 0, 0, "preparing", null, 0))) {
        res =
            "sft".equals(r.phase())
                ? PolicyTrainer.sft(store.path(r.trainKey()), init, out, cfg, listener)
                : PolicyTrainer.grpo(store.path(r.trainKey()), init, out, cfg, listener);
      }
      if ("sft".equals(r.phase())) {
        return new TrainResult(r.outCheckpoint(), res.steps(), res.lastLoss(), res.lastReward());
      }
      TrainingTrace trace = res.trace();
      String traceKey = new RunLayout(r.runId()).iteration(r.iteration()).trainingTrace();
      store.write(traceKey, os -> os.write(trace.toJson()));
      return new TrainResult(
          r.outCheckpoint(),
          res.steps(),
          res.lastLoss(),
          trace.meanReward(),
          trace.informativeShare(),
          traceKey);
    } catch (Exception e) {
      throw trainErrors(r).translate(e);
    }
  }

  private ActivityErrors trainErrors(TrainRequest r) {
    return ActivityErrors.at(r.phase(), r.runId()).iteration(r.iteration()).inRunOf(store);
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
    Opened opened = null;
    try {
      ResumableShard<Sample> shard =
          new ResumableShard<>(store, key, "probe", r.shard().index(), 64);
      if (!shard.complete()) {
        long from = (long) r.shard().index() * r.shardSize();
        List<Sample> samples = RunFiles.readRange(store, r.trainKey(), from, from + r.shardSize());
        Heartbeats hb = Heartbeats.current();
        opened =
            open(
                r.policy(),
                r.checkpoint(),
                r.shard().runId(),
                r.shard().iteration(),
                startingBeat(hb, "probe", r.checkpoint()));
        Opened model = opened;
        shard.run(
            samples,
            chunk -> {
              List<ProbeResult> results = model.prober().probe(chunk);
              List<ObjectNode> out = new ArrayList<>(chunk.size());
              for (int i = 0; i < chunk.size(); i++) {
                ObjectNode o = StageRecords.write(new Probed(chunk.get(i), results.get(i)));
                if (model.servedModel() != null) {
                  // Only endpoint-probed records say what served them: the built-in model's stay
                  // byte-identical to what they always were.
                  o.put("checkpoint", r.checkpoint());
                  o.put("served_model", model.servedModel());
                }
                out.add(o);
              }
              if (metrics != null) {
                metrics.counter("looptool.samples", "stage", "probe").increment(chunk.size());
              }
              return out;
            },
            hb);
        opened.close(false);
        opened = null;
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
          .inRunOf(store)
          .iteration(r.shard().iteration())
          .shard(r.shard().index())
          .translate(failed(opened, e));
    }
  }

  @Override
  public EvalResult evaluate(EvalRequest r) {
    RunLayout.Iteration it = new RunLayout(r.runId()).iteration(r.iteration());
    Opened opened = null;
    try {
      List<Sample> test = RunFiles.readAll(store, r.testKey());
      Heartbeats hb = Heartbeats.current();
      opened =
          open(
              r.policy(),
              r.checkpoint(),
              r.runId(),
              r.iteration(),
              startingBeat(hb, "evaluate", r.checkpoint()));
      Prober model = opened.prober();
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
      if (opened.servedModel() != null) {
        o.put("served_model", opened.servedModel());
      }
      o.put("test", r.testKey());
      o.put("samples", ev.samples());
      o.put("matched", ev.matched());
      o.put("unparseable", ev.unparseable());
      o.put("accuracy", ev.accuracy());
      // One character per test sample, in the test file's order ('1' matched): what a paired
      // comparison of two runs on the same test set needs.
      StringBuilder matches = new StringBuilder(results.size());
      results.forEach(p -> matches.append(p.mastered() ? '1' : '0'));
      o.put("matches", matches.toString());
      ObjectNode shapes = o.putObject("by_shape");
      ev.byShape()
          .forEach(
              (shape, g) -> {
                ObjectNode s = shapes.putObject(shape);
                s.put("samples", g.samples());
                s.put("matched", g.matched());
                s.put("accuracy", g.accuracy());
              });
      RunFiles.writeJson(store, it.eval(), o);
      if (metrics != null) {
        metrics.counter("looptool.samples", "stage", "evaluate").increment(ev.samples());
      }
      heldOutAccuracy.set(ev.accuracy());
      opened.close(false);
      opened = null;
      return new EvalResult(it.eval(), ev.samples(), ev.accuracy(), byShape);
    } catch (Exception e) {
      // Cancellation reaches this method through its heartbeats and must leave it untouched.
      throw ActivityErrors.at("evaluate", r.runId())
          .inRunOf(store)
          .iteration(r.iteration())
          .translate(failed(opened, e));
    }
  }

  /**
   * Releases what an activity that failed had opened (stopping its server when the activity was
   * cancelled) and, when the server it used has died, says so with the server's log.
   */
  private static Exception failed(Opened opened, Exception e) {
    if (opened == null) {
      return e;
    }
    boolean cancelled = cancellation(e);
    try {
      opened.close(cancelled);
    } catch (Exception closing) {
      e.addSuppressed(closing);
    }
    if (!cancelled && opened.lease() != null && !opened.lease().alive()) {
      return new IOException(opened.lease().exitNotice() + "\n(while probing: " + e + ")", e);
    }
    return e;
  }

  private static boolean cancellation(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
      if (t instanceof ActivityCompletionException) {
        return true;
      }
    }
    return false;
  }

  /** While a server starts: the heartbeat keeps the progress the previous attempt reported. */
  private static Runnable startingBeat(Heartbeats hb, String stage, String checkpoint) {
    long done = hb.previous().map(StageProgress::done).orElse(0L);
    return () ->
        hb.beat(
            new StageProgress(
                stage, 0, done, 0, "starting the model server for " + checkpoint, checkpoint, 0));
  }

  /** The name looptool serves a checkpoint under: {@code <runId>-iter-NN}. */
  public static String servedName(String runId, int iteration) {
    return String.format(Locale.ROOT, "%s-iter-%02d", runId, iteration);
  }

  /**
   * A policy to decode with, and what serves it: {@code servedModel} is null for the built-in model
   * decoded in this process; {@code lease} the model server this worker runs, if any; {@code
   * ownClient} a client to close with it.
   */
  private record Opened(
      Prober prober, String servedModel, ModelServers.Lease lease, OpenAiClient ownClient) {
    void close(boolean stopServer) throws Exception {
      try {
        prober.close();
      } finally {
        if (ownClient != null) {
          ownClient.close();
        }
        if (lease != null) {
          if (stopServer) {
            lease.closeAndStop();
          } else {
            lease.close();
          }
        }
      }
    }
  }

  /**
   * The policy to decode with: through a server for this checkpoint ({@code policy.server}), the
   * external policy's fixed endpoint, or the built-in model from its checkpoint.
   */
  private Opened open(
      PolicySpec p, String checkpointKey, String runId, int iteration, Runnable tick)
      throws IOException, InterruptedException {
    OpenAiProber.Style style =
        PolicySpec.PROMPT_CHAT.equals(p.promptStyle())
            ? OpenAiProber.Style.CHAT
            : OpenAiProber.Style.HERMES;
    PolicySpec.ServerSpec server = p.server();
    if (server != null) {
      Path checkpoint = checkpointPath(checkpointKey);
      String served = servedName(runId, iteration);
      if (server.command() != null) {
        ModelServers.Lease lease =
            servers().acquire(server, checkpoint, served, p.baseModel(), tick);
        try {
          OpenAiClient client =
              lease.client(
                  url -> new OpenAiClient(endpoint(p.prober(), url, served), "probe", registry()));
          ServedModels.verify(client, served, checkpoint);
          return new Opened(new OpenAiProber(client, p.maxNewTokens(), style), served, lease, null);
        } catch (IOException | InterruptedException | RuntimeException e) {
          lease.close();
          throw e;
        }
      }
      OpenAiClient client =
          new OpenAiClient(endpoint(p.prober(), null, served), "probe", registry());
      try {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("checkpoint", checkpoint.toString());
        values.put("served_name", served);
        values.put("base_model", p.baseModel() == null ? "" : p.baseModel());
        ServedModels.ensureLoaded(client, server.reload(), values, checkpoint, env);
        return new Opened(new OpenAiProber(client, p.maxNewTokens(), style), served, null, client);
      } catch (IOException | InterruptedException | RuntimeException e) {
        client.close();
        throw e;
      }
    }
    if (PolicySpec.EXTERNAL.equals(p.backend())) {
      if (llm == null) {
        throw new BadInputException(
            "policy.backend is 'external' but this GPU worker has no model-server client");
      }
      var config = Endpoints.config(p.prober(), "policy.prober");
      return new Opened(
          new OpenAiProber(llm.client(config, "probe"), p.maxNewTokens(), style),
          config.model(),
          null,
          null);
    }
    return new Opened(PolicyModel.load(store.path(checkpointKey)), null, null, null);
  }

  /**
   * The prober's settings (concurrency, timeout, retries, key) aimed at a served checkpoint: at
   * {@code baseUrl} (a server this worker started) or at the prober's own URLs, under the name.
   */
  private static dev.looptool.core.llm.EndpointConfig endpoint(
      EndpointSpec prober, String baseUrl, String served) {
    EndpointSpec e =
        prober == null
            ? new EndpointSpec(
                List.of(baseUrl), served, null, null, null, null, null, null, null, null)
            : new EndpointSpec(
                baseUrl == null ? prober.baseUrls() : List.of(baseUrl),
                served,
                prober.apiKeyEnv(),
                prober.maxConcurrency(),
                prober.timeoutSeconds(),
                prober.maxRetries(),
                prober.temperature(),
                prober.topP(),
                prober.maxTokens(),
                prober.extraBody());
    return Endpoints.config(e, "policy.prober");
  }

  /** A checkpoint as a directory: a trainer may report an absolute path, else it is a store key. */
  private Path checkpointPath(String key) {
    Path p = Path.of(key);
    return (p.isAbsolute() ? p : store.path(key)).toAbsolutePath().normalize();
  }

  private MeterRegistry registry() {
    return metrics != null ? metrics : new SimpleMeterRegistry();
  }

  private synchronized ModelServers servers() {
    if (servers == null) {
      servers = new ModelServers(ModelServers.defaultLogDir());
    }
    return servers;
  }

  /** Stops the model servers this worker runs. */
  @Override
  public synchronized void close() {
    if (servers != null) {
      servers.close();
    }
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
    if (ext.passEnvironment() != null) {
      for (String name : ext.passEnvironment()) {
        String v = env.apply(name);
        if (v == null || v.isEmpty()) {
          throw new BadInputException(
              "policy.external.passEnvironment: "
                  + name
                  + " is not set in this GPU worker's environment; set it where the worker runs"
                  + " (the trainer inherits it)");
        }
      }
    }
    ExternalTrainer trainer =
        new ExternalTrainer(
            new TrainerConfig(
                ext.command(),
                ext.workingDir(),
                ext.environment(),
                ext.retryableExitCodes() == null ? null : Set.copyOf(ext.retryableExitCodes()),
                0,
                0));
    Path out = store.path(r.outCheckpoint());
    TrainJob job =
        new TrainJob(
            store.path(r.trainKey()),
            r.initCheckpoint() == null ? null : checkpointPath(r.initCheckpoint()).toString(),
            out,
            r.iteration(),
            r.policy().seed() * 1_000_003L + r.iteration(),
            out.resolve("trainer.log"),
            store.path(new RunLayout(r.runId()).seedTest()),
            r.policy().baseModel(),
            r.runId());
    try {
      dev.looptool.activities.trainer.TrainResult res =
          ext.timeoutMinutes() == null
              ? trainer.train(job, resume, heartbeating(hb))
              : trainer.train(
                  job,
                  resume,
                  heartbeating(hb),
                  java.time.Duration.ofMinutes(ext.timeoutMinutes()));
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

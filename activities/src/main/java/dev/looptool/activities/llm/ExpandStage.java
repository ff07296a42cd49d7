package dev.looptool.activities.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.backends.ModelBackends;
import dev.looptool.activities.backends.ModelBackends.RunContext;
import dev.looptool.activities.backends.TruthIndex;
import dev.looptool.activities.common.Heartbeats;
import dev.looptool.activities.common.IterationRecords;
import dev.looptool.activities.common.ResumableShard;
import dev.looptool.activities.common.RunFiles;
import dev.looptool.activities.common.StageRecords;
import dev.looptool.core.correct.Correction;
import dev.looptool.core.dedup.SeenSamples;
import dev.looptool.core.expand.Failure;
import dev.looptool.core.expand.Generator;
import dev.looptool.core.expand.ScenarioDraws;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.ResponseValidator;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.core.validate.SampleValidator;
import dev.looptool.workflows.spec.GeneratorSpec;
import dev.looptool.workflows.stages.ExpandShardRequest;
import dev.looptool.workflows.stages.ExpandShardResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The expand stage of the LLM pool: the verified failures of one shard, each expanded k times by
 * the generator (scenario variations drawn by {@link ScenarioDraws}) and every generated sample
 * checked by the rules and the single-response validator, or repeated k times when {@code noEdde}.
 * Outcomes are written in resumable chunks; the shard's validated part, written last, marks it
 * complete, so a finished shard is never redone.
 */
record ExpandStage(ArtifactStore store, ModelBackends backends, MeterRegistry metrics) {
  static final int CHUNK = 8;

  ExpandShardResult run(ExpandShardRequest r) throws Exception {
    RunLayout.Iteration it = new RunLayout(r.shard().runId()).iteration(r.shard().iteration());
    String partKey = it.expandShard(r.shard().index());
    String outcomesKey = it.expandOutcomes(r.shard().index());
    if (!store.exists(partKey)) {
      List<Failure> failures = failures(r, it);
      ResumableShard<Integer> shard =
          new ResumableShard<>(store, outcomesKey, "expand", r.shard().index(), CHUNK);
      RunContext run =
          new RunContext(store, r.shard().runId(), r.truthKey(), r.shard().iteration());
      Heartbeats beats = Heartbeats.current();
      if (r.noEdde()) {
        shard.run(
            ShardPipeline.positions(failures.size()),
            chunk -> repeatChunk(chunk.stream().map(failures::get).toList(), r),
            beats);
      } else {
        Generator gen = backends.generator(r.generator(), run);
        ResponseValidator validator = backends.validator(r.validator(), run);
        TruthIndex truth = r.truthKey() == null ? TruthIndex.NONE : backends.truth(run);
        // Enough failures under way to keep the generator's endpoints busy (k attempts each).
        int ahead =
            gen instanceof LlmGenerator lg
                ? 2 * Math.max(1, lg.capacity() / Math.max(1, r.generator().k())) + CHUNK
                : 0;
        try (ShardPipeline<Failure, List<ObjectNode>> pipeline =
            new ShardPipeline<>(
                failures,
                f -> expandOne(gen, validator, truth, f, r),
                ahead,
                beats,
                "expand",
                r.shard().index(),
                CHUNK)) {
          shard.run(
              ShardPipeline.positions(failures.size()),
              chunk -> {
                List<ObjectNode> out = new ArrayList<>();
                pipeline.take(chunk).forEach(out::addAll);
                return out;
              },
              beats);
        }
      }
      assemble(r, it, outcomesKey, partKey);
    }
    return expandStats(r, outcomesKey);
  }

  /** The verified failures of this shard, chosen by core's verdict table. */
  private List<Failure> failures(ExpandShardRequest r, RunLayout.Iteration it) throws IOException {
    List<Failure> out = new ArrayList<>();
    for (Correction.Mismatch m :
        IterationRecords.mismatches(store, it, r.shard().index(), r.noJglv())) {
      Correction.failure(m, r.shard().iteration()).ifPresent(out::add);
    }
    return out;
  }

  /**
   * One failure's k attempts, all under way at once: each generates, then validates what it made
   * (rules first); the outcomes come in attempt order, each attempt's in the order generated.
   */
  private CompletableFuture<List<ObjectNode>> expandOne(
      Generator gen,
      ResponseValidator validator,
      TruthIndex truth,
      Failure f,
      ExpandShardRequest r) {
    GeneratorSpec g = r.generator();
    List<ScenarioVariation> variations =
        ScenarioDraws.forFailure(g.scenarioWeights(), r.seed(), f.sample().id(), g.k());
    List<CompletableFuture<List<ObjectNode>>> attempts = new ArrayList<>(g.k());
    for (int a = 0; a < g.k(); a++) {
      int attempt = a;
      ScenarioVariation variation = variations.get(attempt);
      CompletableFuture<List<Sample>> made =
          gen instanceof LlmGenerator lg
              ? lg.generateAsync(f, variation, attempt)
              : ShardPipeline.now(() -> gen.generate(f, variation, attempt));
      attempts.add(
          Futures.compose(
              made,
              samples -> {
                List<CompletableFuture<ObjectNode>> outs = new ArrayList<>();
                if (samples.isEmpty()) {
                  outs.add(
                      CompletableFuture.completedFuture(
                          outcome(
                              f,
                              attempt,
                              variation,
                              "rejected",
                              "the generator produced no usable sample",
                              null)));
                }
                for (Sample s : samples) {
                  outs.add(validated(validator, truth, f, attempt, variation, s, r));
                }
                return Futures.map(
                    Futures.all(outs),
                    list -> {
                      if (metrics != null) {
                        metrics.counter("looptool.samples", "stage", "expand").increment();
                      }
                      return list;
                    });
              }));
    }
    return Futures.map(
        Futures.all(attempts),
        lists -> {
          List<ObjectNode> out = new ArrayList<>();
          lists.forEach(out::addAll);
          return out;
        });
  }

  /** A generated sample's outcome: the rule checks, then the validator. */
  private CompletableFuture<ObjectNode> validated(
      ResponseValidator validator,
      TruthIndex truth,
      Failure f,
      int attempt,
      ScenarioVariation variation,
      Sample s,
      ExpandShardRequest r) {
    // The generator's truth for a new sample (synthetic world) travels with it to the truth file.
    JsonNode t = truth.record(s.id()).orElse(null);
    List<SampleValidator.Problem> problems = SampleValidator.validate(s);
    if (!problems.isEmpty()) {
      return CompletableFuture.completedFuture(
          withTruth(outcome(f, attempt, variation, "rejected", "rules: " + problems.get(0), s), t));
    }
    CompletableFuture<ResponseValidator.Result> v =
        validator instanceof LlmResponseValidator lv
            ? lv.validateAsync(s)
            : ShardPipeline.now(() -> validator.validate(s, r.shard().iteration()));
    return Futures.map(
        v,
        res ->
            withTruth(
                res.correct()
                    ? outcome(f, attempt, variation, "kept", null, s)
                    : outcome(
                        f,
                        attempt,
                        variation,
                        "rejected",
                        "validator: " + (res.reason() == null ? "INCORRECT" : res.reason()),
                        s),
                t));
  }

  private List<ObjectNode> repeatChunk(List<Failure> chunk, ExpandShardRequest r) {
    List<ObjectNode> out = new ArrayList<>();
    for (Failure f : chunk) {
      for (int a = 0; a < r.generator().k(); a++) {
        Sample s = f.sample();
        Sample copy =
            new Sample(
                s.id() + "-r" + r.shard().iteration() + "-" + a,
                s.tools(),
                s.messages(),
                f.correct(),
                new Provenance(
                    s.provenance().origin(),
                    s.id(),
                    r.shard().iteration(),
                    s.provenance().labelHistory()),
                s.meta());
        out.add(outcome(f, a, null, "kept", null, copy));
      }
    }
    return out;
  }

  private static ObjectNode withTruth(ObjectNode outcome, JsonNode truth) {
    if (truth != null) {
      outcome.set("truth", truth);
    }
    return outcome;
  }

  private static ObjectNode outcome(
      Failure f, int attempt, ScenarioVariation v, String status, String reason, Sample s) {
    ObjectNode o = Json.object();
    o.put("parent", f.sample().id());
    o.put("attempt", attempt);
    o.put("variation", v == null ? "REPEAT" : v.name());
    o.put("status", status);
    if (reason != null) {
      o.put("reason", reason);
    }
    if (s != null) {
      o.set("sample", SampleJson.toTree(s));
    }
    return o;
  }

  /**
   * One shard's outcomes, classified once: the validated samples (duplicates dropped by content),
   * the truth of kept expansions where the generator knows it, the rejects with reasons, and the
   * counts the stage reports.
   */
  private record Outcomes(
      List<Sample> kept,
      List<JsonNode> truths,
      List<ObjectNode> rejects,
      int failures,
      long generated,
      long rejected,
      long duplicates) {}

  private Outcomes classify(String outcomesKey, int iteration) throws IOException {
    List<Sample> kept = new ArrayList<>();
    List<JsonNode> truths = new ArrayList<>();
    List<ObjectNode> rejects = new ArrayList<>();
    Set<String> parents = new HashSet<>();
    SeenSamples seen = new SeenSamples();
    long generated = 0;
    long rejected = 0;
    long duplicates = 0;
    for (ObjectNode o : ResumableShard.read(store, outcomesKey)) {
      parents.add(o.path("parent").asText());
      Sample s = o.has("sample") ? readSample(o.get("sample"), outcomesKey) : null;
      if (s != null) {
        generated++;
      }
      if (!"kept".equals(o.path("status").asText())) {
        rejected++;
        if (s != null) {
          rejects.add(StageRecords.rejected(s, o.path("reason").asText(), "expand", iteration));
        }
      } else if (seen.add(s)) {
        kept.add(s);
        if (o.has("truth")) {
          truths.add(o.get("truth"));
        }
      } else {
        duplicates++;
        rejects.add(
            StageRecords.rejected(s, "duplicate of another expansion", "expand", iteration));
      }
    }
    return new Outcomes(kept, truths, rejects, parents.size(), generated, rejected, duplicates);
  }

  /**
   * Writes the shard's rejects, the truth of its kept expansions, then its validated samples; the
   * part is written last because its existence marks the shard complete.
   */
  private void assemble(
      ExpandShardRequest r, RunLayout.Iteration it, String outcomesKey, String partKey)
      throws IOException {
    Outcomes out = classify(outcomesKey, r.shard().iteration());
    RunFiles.writeRecords(store, it.expandRejects(r.shard().index()), out.rejects());
    if (!out.truths().isEmpty()) {
      RunFiles.writeRecords(store, it.expandTruth(r.shard().index()), out.truths());
    }
    RunFiles.writeSamples(store, partKey, out.kept());
  }

  private static Sample readSample(JsonNode n, String where) throws IOException {
    try {
      return SampleJson.read(n);
    } catch (dev.looptool.core.io.FormatException e) {
      throw new IOException(where + ": " + e);
    }
  }

  private ExpandShardResult expandStats(ExpandShardRequest r, String outcomesKey)
      throws IOException {
    Outcomes out = classify(outcomesKey, r.shard().iteration());
    return new ExpandShardResult(
        r.shard().index(),
        out.failures(),
        out.generated(),
        out.kept().size(),
        out.rejected(),
        out.duplicates());
  }
}

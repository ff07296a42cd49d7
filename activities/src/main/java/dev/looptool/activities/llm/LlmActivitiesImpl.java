package dev.looptool.activities.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.backends.ModelBackends;
import dev.looptool.activities.backends.ModelBackends.RunContext;
import dev.looptool.activities.backends.TruthIndex;
import dev.looptool.activities.common.ActivityErrors;
import dev.looptool.activities.common.Heartbeats;
import dev.looptool.activities.common.IterationRecords;
import dev.looptool.activities.common.ResumableShard;
import dev.looptool.activities.common.RunFiles;
import dev.looptool.activities.common.StageRecords;
import dev.looptool.activities.common.StageRecords.Judged;
import dev.looptool.activities.common.StageRecords.Probed;
import dev.looptool.core.correct.Correction;
import dev.looptool.core.dedup.SeenSamples;
import dev.looptool.core.expand.Failure;
import dev.looptool.core.expand.Generator;
import dev.looptool.core.expand.ScenarioDraws;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.Judge;
import dev.looptool.core.judge.JudgeRequest;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.ResponseValidator;
import dev.looptool.core.judge.RuleTier;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.core.validate.SampleValidator;
import dev.looptool.workflows.spec.GeneratorSpec;
import dev.looptool.workflows.stages.ExpandShardRequest;
import dev.looptool.workflows.stages.ExpandShardResult;
import dev.looptool.workflows.stages.JudgeShardRequest;
import dev.looptool.workflows.stages.JudgeShardResult;
import dev.looptool.workflows.stages.LlmActivities;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code looptool-llm} pool: judging the mismatches of a probe shard (rule tier first, then the
 * judge) and expanding verified failures (generator, then rules and the single-response validator).
 * Both write their shard in resumable chunks; a finished shard is never redone.
 */
public final class LlmActivitiesImpl implements LlmActivities {
  static final int CHUNK = 32;

  private final ArtifactStore store;
  private final ModelBackends backends;
  private final MeterRegistry metrics;

  public LlmActivitiesImpl(ArtifactStore store, ModelBackends backends, MeterRegistry metrics) {
    this.store = store;
    this.backends = backends;
    this.metrics = metrics;
  }

  // ---------------------------------------------------------------- judge

  @Override
  public JudgeShardResult judgeShard(JudgeShardRequest r) {
    RunLayout.Iteration it = new RunLayout(r.shard().runId()).iteration(r.shard().iteration());
    String probeKey = it.probeShard(r.shard().index());
    String judgeKey = it.judgeShard(r.shard().index());
    try {
      ResumableShard<Probed> shard =
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
        shard.run(
            mismatches,
            chunk -> judgeChunk(judge, chunk, r.shard().iteration()),
            Heartbeats.current());
      }
      return judgeStats(r.shard().index(), judgeKey);
    } catch (Exception e) {
      throw ActivityErrors.at("judge", r.shard().runId())
          .iteration(r.shard().iteration())
          .shard(r.shard().index())
          .translate(e);
    }
  }

  private List<ObjectNode> judgeChunk(Judge judge, List<Probed> chunk, int iteration)
      throws Exception {
    List<ObjectNode> out = new ArrayList<>(chunk.size());
    for (Probed p : chunk) {
      JudgeRequest request = JudgeRequest.of(p.sample(), p.probe().prediction(), iteration);
      RuleTier.Outcome rule = RuleTier.apply(p.sample(), request.prediction());
      Judgement j =
          rule == RuleTier.Outcome.IDENTICAL
              ? RuleTier.identical(p.sample().id())
              : judge.judge(request);
      if (metrics != null) {
        metrics.counter("looptool.verdicts", "verdict", j.verdict().name()).increment();
        metrics.counter("looptool.samples", "stage", "judge").increment();
      }
      out.add(StageRecords.write(new Judged(p.sample(), p.probe(), rule.name(), j)));
    }
    return out;
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
    RunLayout.Iteration it = new RunLayout(r.shard().runId()).iteration(r.shard().iteration());
    String partKey = it.expandShard(r.shard().index());
    String outcomesKey = it.expandOutcomes(r.shard().index());
    try {
      if (!store.exists(partKey)) {
        List<Failure> failures = failures(r, it);
        ResumableShard<Failure> shard =
            new ResumableShard<>(store, outcomesKey, "expand", r.shard().index(), 8);
        RunContext run =
            new RunContext(store, r.shard().runId(), r.truthKey(), r.shard().iteration());
        if (r.noEdde()) {
          shard.run(failures, chunk -> repeatChunk(chunk, r), Heartbeats.current());
        } else {
          Generator gen = backends.generator(r.generator(), run);
          ResponseValidator validator = backends.validator(r.validator(), run);
          TruthIndex truth = r.truthKey() == null ? TruthIndex.NONE : backends.truth(run);
          shard.run(
              failures,
              chunk -> expandChunk(gen, validator, truth, chunk, r),
              Heartbeats.current());
        }
        assemble(r, it, outcomesKey, partKey);
      }
      return expandStats(r, outcomesKey);
    } catch (Exception e) {
      throw ActivityErrors.at("expand", r.shard().runId())
          .iteration(r.shard().iteration())
          .shard(r.shard().index())
          .translate(e);
    }
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

  private List<ObjectNode> expandChunk(
      Generator gen,
      ResponseValidator validator,
      TruthIndex truth,
      List<Failure> chunk,
      ExpandShardRequest r)
      throws Exception {
    List<ObjectNode> out = new ArrayList<>();
    GeneratorSpec g = r.generator();
    for (Failure f : chunk) {
      List<ScenarioVariation> variations =
          ScenarioDraws.forFailure(g.scenarioWeights(), r.seed(), f.sample().id(), g.k());
      for (int attempt = 0; attempt < g.k(); attempt++) {
        ScenarioVariation variation = variations.get(attempt);
        List<Sample> made = gen.generate(f, variation, attempt);
        if (made.isEmpty()) {
          out.add(
              outcome(
                  f,
                  attempt,
                  variation,
                  "rejected",
                  "the generator produced no usable sample",
                  null));
        }
        for (Sample s : made) {
          // The generator's truth for a new sample (synthetic world) travels with it to the truth
          // file.
          JsonNode t = truth.record(s.id()).orElse(null);
          List<SampleValidator.Problem> problems = SampleValidator.validate(s);
          if (!problems.isEmpty()) {
            out.add(
                withTruth(
                    outcome(f, attempt, variation, "rejected", "rules: " + problems.get(0), s), t));
            continue;
          }
          ResponseValidator.Result v = validator.validate(s, r.shard().iteration());
          out.add(
              withTruth(
                  v.correct()
                      ? outcome(f, attempt, variation, "kept", null, s)
                      : outcome(
                          f,
                          attempt,
                          variation,
                          "rejected",
                          "validator: " + (v.reason() == null ? "INCORRECT" : v.reason()),
                          s),
                  t));
        }
        if (metrics != null) {
          metrics.counter("looptool.samples", "stage", "expand").increment();
        }
      }
    }
    return out;
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

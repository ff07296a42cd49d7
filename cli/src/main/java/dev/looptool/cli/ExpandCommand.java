package dev.looptool.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.llm.LlmGenerator;
import dev.looptool.activities.llm.LlmResponseValidator;
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.dedup.SeenSamples;
import dev.looptool.core.expand.Failure;
import dev.looptool.core.expand.ScenarioDraws;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.json.Json;
import dev.looptool.core.llm.EndpointConfig;
import dev.looptool.core.llm.GeneratedSamples;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.model.Sample;
import dev.looptool.core.seed.IterationSeeds;
import dev.looptool.workflows.spec.GeneratorSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code looptool expand}: Error-Driven Data Expansion of judged failures with an LLM generator,
 * each new sample rule-checked, de-duplicated and (by default) validated by a single-response
 * judge.
 */
@Command(
    name = "expand",
    mixinStandardHelpOptions = true,
    description = {
      "Write new hard samples from judged failures (EDDE) with an LLM behind an OpenAI-compatible endpoint.",
      "Input lines: {\"sample\": <sample>, \"prediction\": \"<raw model output>\", \"verdict\": \"PRED_WRONG|LABEL_WRONG\", \"analysis\": \"...\"};",
      "with --judgements, verdict, consensus and analysis come from `looptool judge` output instead (matched by id).",
      "Only PRED_WRONG and LABEL_WRONG failures with consensus are expanded; everything not written goes to the rejects file with its reason."
    })
public final class ExpandCommand implements Callable<Integer> {
  @Mixin LlmEndpointOptions endpoint;

  @Option(
      names = "--k",
      defaultValue = "4",
      description =
          "Generation attempts per failure, each with a scenario variation drawn as the loop draws it: the run spec's default weights (uniform), from --seed, --iteration and the sample id (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--per-attempt",
      defaultValue = "1",
      description = "Samples asked for per attempt (default: ${DEFAULT-VALUE}).")
  int perAttempt;

  @Option(
      names = "--temperature",
      defaultValue = "0.8",
      description = "Generator temperature (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(
      names = "--validate",
      defaultValue = "true",
      arity = "1",
      description =
          "Validate new samples with the single-response judge (default: ${DEFAULT-VALUE}).")
  boolean validate;

  @Option(names = "--validator-model", description = "Model of the validator (default: --model).")
  String validatorModel;

  @Option(
      names = "--iteration",
      defaultValue = "1",
      description = "Loop iteration recorded in provenance (default: ${DEFAULT-VALUE}).")
  int iteration;

  @Option(names = "--judgements", description = "Output of `looptool judge` to take verdicts from.")
  Path judgements;

  @Option(
      names = "--pool",
      description = "Existing samples (JSONL) that new samples must not duplicate.")
  Path pool;

  @Option(names = "--in", required = true, description = "Input JSON Lines file.")
  Path in;

  @Option(
      names = "--out",
      required = true,
      description = "New samples, JSON Lines (written atomically).")
  Path out;

  @Option(
      names = "--rejects",
      description =
          "Where everything not written goes, with the reason (default: OUT with .rejects.jsonl).")
  Path rejects;

  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong unreachable = new AtomicLong();
  private final AtomicLong badLines = new AtomicLong();
  private final SeenSamples seen = new SeenSamples();

  /** The scenario weights a run spec gets by default (uniform), as the expand stage uses them. */
  static final Map<String, Double> SCENARIO_WEIGHTS =
      new GeneratorSpec(null, null, null, null).withDefaults().scenarioWeights();

  @Override
  public Integer call() throws Exception {
    if (k < 1 || perAttempt < 1) {
      System.err.println("expand: --k and --per-attempt must be at least 1");
      return 2;
    }
    EndpointConfig genCfg;
    try {
      genCfg = endpoint.config(temperature);
    } catch (IllegalArgumentException e) {
      System.err.println("expand: " + e.getMessage());
      return 2;
    }
    EndpointConfig valCfg =
        new EndpointConfig(
            genCfg.baseUrls(),
            validatorModel != null ? validatorModel : genCfg.model(),
            genCfg.apiKeyEnv(),
            genCfg.maxConcurrency(),
            genCfg.connectTimeoutMs(),
            genCfg.requestTimeoutMs(),
            genCfg.maxRetries(),
            genCfg.initialBackoffMs(),
            genCfg.maxBackoffMs(),
            new SamplingParams(0.0, null, 512, endpoint.seed, null),
            null,
            null);
    ExpandInput input = new ExpandInput(judgements, iteration);
    if (pool != null) {
      SampleReader.forEach(
          pool,
          seen::add,
          e -> System.err.println("expand: pool line skipped for de-duplication: " + e));
    }
    Path rejectsFile = rejects != null ? rejects : Path.of(out + ".rejects.jsonl");
    long start = System.nanoTime();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (OpenAiClient genClient = new OpenAiClient(genCfg, "generator", registry);
        OpenAiClient valClient = new OpenAiClient(valCfg, "validator", registry);
        CliOut samplesOut = new CliOut(out);
        CliOut rejectsOut = new CliOut(rejectsFile);
        JudgeCommand.Progress progress =
            new JudgeCommand.Progress(
                System.out, "attempts finished", attempts::get, () -> (long) k * failures.get());
        JsonlReader lines = JsonlReader.open(in)) {
      LlmGenerator generator =
          new LlmGenerator(
              genClient,
              genCfg.sampling(),
              perAttempt,
              (f, attempt, r) -> reject(rejectsOut, generatorReject(f, attempt, r)));
      LlmResponseValidator validator = new LlmResponseValidator(valCfg.model(), valClient, null);
      Semaphore window = new Semaphore(Math.max(16, 2 * genClient.capacity()));
      List<CompletableFuture<Void>> pending = new ArrayList<>();
      while (lines.hasNext()) {
        JsonlReader.Line l = lines.next();
        Failure f;
        try {
          f = input.decode(l);
        } catch (FormatException e) {
          badLines.incrementAndGet();
          LineError err = new LineError(in.toString(), l.number(), e.field(), e.getMessage());
          System.err.println(err);
          reject(rejectsOut, lineReject(err, l));
          continue;
        } catch (ExpandInput.NotExpanded e) {
          reject(
              rejectsOut,
              lineReject(new LineError(in.toString(), l.number(), "verdict", e.getMessage()), l));
          continue;
        }
        failures.incrementAndGet();
        // The loop's draws: its default scenario weights, from the seed it derives for iteration j.
        List<ScenarioVariation> variations =
            ScenarioDraws.forFailure(
                SCENARIO_WEIGHTS,
                IterationSeeds.expansion(endpoint.seed, iteration),
                f.sample().id(),
                k);
        for (int a = 0; a < k; a++) {
          ScenarioVariation v = variations.get(a);
          window.acquire();
          int attempt = a;
          CompletableFuture<Void> done =
              generator
                  .generateAsync(f, v, attempt)
                  .thenCompose(
                      samples -> admit(samples, validator, samplesOut, rejectsOut, f, attempt, v))
                  .handle(
                      (x, err) -> {
                        try {
                          if (err != null) {
                            unreachable.incrementAndGet();
                            Throwable cause = AsyncFailures.cause(err);
                            ObjectNode o = Json.object();
                            o.put("source_id", f.sample().id());
                            o.put("attempt", attempt);
                            o.put("variation", v.name());
                            o.put("reason", "endpoint unreachable: " + cause.getMessage());
                            reject(rejectsOut, o);
                          }
                        } finally {
                          attempts.incrementAndGet();
                          window.release();
                        }
                        return null;
                      });
          pending.add(done);
        }
      }
      pending.forEach(CompletableFuture::join);
      samplesOut.commit();
      if (rejected.get() > 0) {
        rejectsOut.commit();
      }
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "expanded %d failures with %d attempts in %.1f s: %d new samples -> %s%n",
        failures.get(), attempts.get(), secs, written.get(), out);
    System.out.printf(
        "rejected %d (bad input lines %d, unreachable attempts %d)%s%n",
        rejected.get(),
        badLines.get(),
        unreachable.get(),
        rejected.get() > 0 ? " -> " + rejectsFile : "");
    return badLines.get() > 0 || unreachable.get() > 0 ? 1 : 0;
  }

  /** De-duplicates, validates and writes the samples of one attempt. */
  private CompletableFuture<Void> admit(
      List<Sample> samples,
      LlmResponseValidator validator,
      CliOut samplesOut,
      CliOut rejectsOut,
      Failure f,
      int attempt,
      ScenarioVariation v) {
    List<CompletableFuture<Void>> steps = new ArrayList<>();
    for (Sample s : samples) {
      if (!seen.add(s)) {
        reject(
            rejectsOut,
            sampleReject(s, f, attempt, v, "duplicate of a pool sample or of another new sample"));
        continue;
      }
      if (!validate) {
        write(samplesOut, s);
        continue;
      }
      steps.add(
          validator
              .validateAsync(s)
              .thenAccept(
                  r -> {
                    if (r.correct()) {
                      write(samplesOut, s);
                    } else {
                      ObjectNode o = sampleReject(s, f, attempt, v, "validator: " + r.reason());
                      if (r.vote() != null) {
                        o.put("validator_answer", r.vote().rawAnswer());
                      }
                      reject(rejectsOut, o);
                    }
                  }));
    }
    return CompletableFuture.allOf(steps.toArray(new CompletableFuture<?>[0]));
  }

  private void write(CliOut samplesOut, Sample s) {
    try {
      samplesOut.write(s);
      written.incrementAndGet();
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }

  private void reject(CliOut rejectsOut, ObjectNode o) {
    try {
      rejectsOut.write(o);
      rejected.incrementAndGet();
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }

  private static ObjectNode lineReject(LineError err, JsonlReader.Line l) {
    ObjectNode o = Json.object();
    o.put("file", err.file());
    o.put("line", err.line());
    o.put("field", err.field());
    o.put("reason", err.message());
    o.put("input", l.text());
    return o;
  }

  private static ObjectNode generatorReject(Failure f, int attempt, GeneratedSamples.Reject r) {
    ObjectNode o = Json.object();
    o.put("source_id", f.sample().id());
    o.put("attempt", attempt);
    o.put("candidate", r.index());
    o.put("field", r.field());
    o.put("reason", r.reason());
    o.put("snippet", r.snippet());
    return o;
  }

  private static ObjectNode sampleReject(
      Sample s, Failure f, int attempt, ScenarioVariation v, String reason) {
    ObjectNode o = Json.object();
    o.put("source_id", f.sample().id());
    o.put("attempt", attempt);
    o.put("variation", v.name());
    o.put("reason", reason);
    o.set("sample", SampleJson.toTree(s));
    return o;
  }
}

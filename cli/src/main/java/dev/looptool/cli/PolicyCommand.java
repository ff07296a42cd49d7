package dev.looptool.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ModelDefaults;
import dev.looptool.core.policy.ProbeResult;
import dev.looptool.core.policy.TrainingProgress;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.policy.PolicyBench;
import dev.looptool.policy.PolicyConfig;
import dev.looptool.policy.PolicyModel;
import dev.looptool.policy.PolicyRuntime;
import dev.looptool.policy.PolicyTrainer;
import dev.looptool.policy.model.DecoderConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code looptool policy ...}: train, probe, evaluate and benchmark the built-in DJL policy model.
 */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description =
        "The built-in small tool-calling model (DJL/PyTorch): SFT, GRPO, probing, evaluation, benchmark.",
    subcommands = {
      PolicyCommand.Sft.class,
      PolicyCommand.Grpo.class,
      PolicyCommand.Probe.class,
      PolicyCommand.Eval.class,
      PolicyCommand.Bench.class
    })
public final class PolicyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Model sizes and training knobs shared by sft and grpo; unset options keep the phase's defaults.
   */
  static final class Knobs {
    @Option(
        names = "--seed",
        description =
            "Seed for weights, data order and sampling (default " + ModelDefaults.SEED + ").")
    Long seed;

    @Option(names = "--batch", description = "Sequences per SFT step, prompts per GRPO step.")
    Integer batch;

    @Option(names = "--lr", description = "Adam learning rate.")
    Double lr;

    @Option(names = "--checkpoint-every", description = "Steps between checkpoints.")
    Integer checkpointEvery;

    @Option(
        names = "--d-model",
        description = "Model width (from scratch only; default " + ModelDefaults.D_MODEL + ").")
    Integer dModel;

    @Option(
        names = "--layers",
        description = "Decoder blocks (from scratch only; default " + ModelDefaults.LAYERS + ").")
    Integer layers;

    @Option(
        names = "--heads",
        description = "Attention heads (from scratch only; default " + ModelDefaults.HEADS + ").")
    Integer heads;

    @Option(
        names = "--vocab",
        description =
            "Tokenizer vocabulary (from scratch only; default " + ModelDefaults.VOCAB + ").")
    Integer vocab;

    @Option(
        names = "--max-seq",
        description = "Context length (from scratch only; default " + ModelDefaults.MAX_SEQ + ").")
    Integer maxSeq;

    @Option(
        names = "--max-answer",
        description =
            "Tokens reserved for the answer (from scratch only; default "
                + ModelDefaults.MAX_ANSWER
                + ").")
    Integer maxAnswer;

    @Option(
        names = "--ngram",
        description =
            "Tokens each position's input embeds, its own and those before it (from scratch only; default "
                + ModelDefaults.NGRAM
                + "; 1 turns n-gram inputs off).")
    Integer ngram;

    @Option(
        names = "--call-index",
        description =
            "Call indices the answer's positions embed (from scratch only; default "
                + ModelDefaults.CALL_INDEX
                + "; 0 turns call-index inputs off).")
    Integer callIndex;

    @Option(names = "--cpu", description = "Stay on the CPU even when a GPU is visible.")
    boolean cpu;

    /** {@code c} with every option given on the command line (and {@code steps}) set. */
    PolicyConfig.Builder apply(PolicyConfig c, Integer steps) {
      PolicyConfig.Builder out = c.toBuilder();
      if (steps != null) {
        out.steps(steps);
      }
      if (seed != null) {
        out.seed(seed);
      }
      if (batch != null) {
        out.batchSize(batch);
      }
      if (lr != null) {
        out.learningRate(lr);
      }
      if (checkpointEvery != null) {
        out.checkpointEvery(checkpointEvery);
      }
      DecoderConfig m = c.model();
      out.model(
          new DecoderConfig(
              vocab != null ? vocab : m.vocabSize(),
              dModel != null ? dModel : m.dModel(),
              layers != null ? layers : m.layers(),
              heads != null ? heads : m.heads(),
              maxSeq != null ? maxSeq : m.maxSeq(),
              ngram != null ? ngram : m.ngram(),
              callIndex != null ? callIndex : m.callIndex()));
      if (maxAnswer != null) {
        out.maxAnswer(maxAnswer);
      }
      if (cpu) {
        out.cpu(true);
      }
      return out;
    }
  }

  /** Prints every {@code every}-th progress report and the last. */
  static TrainingProgress.Listener printer(PrintWriter out, int every, long startNanos) {
    return p -> {
      if (p.step() % every == 0 || p.step() == p.totalSteps()) {
        out.printf(
            Locale.ROOT,
            "%s step %d/%d loss %.4f%s %.0f tok/s %.1fs%s%n",
            p.phase(),
            p.step(),
            p.totalSteps(),
            p.loss(),
            Double.isNaN(p.meanReward())
                ? ""
                : String.format(Locale.ROOT, " reward %.3f", p.meanReward()),
            p.tokensPerSecond(),
            (System.nanoTime() - startNanos) / 1e9,
            p.checkpoint() == null ? "" : " checkpoint " + p.checkpoint());
        out.flush();
      }
    };
  }

  static List<Sample> read(Path file) throws IOException {
    return SampleReader.readAll(file);
  }

  static int fail(CommandSpec spec, Exception e) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("looptool policy " + spec.name() + ": " + e.getMessage());
    err.flush();
    return e instanceof BadDataException || e instanceof IllegalArgumentException ? 2 : 1;
  }

  static void printEvaluation(PrintWriter out, String title, PolicyModel.Evaluation ev) {
    out.printf(
        Locale.ROOT,
        "%s: ToolMatch %.2f%% (%d/%d), unparseable %d%n",
        title,
        100 * ev.accuracy(),
        ev.matched(),
        ev.samples(),
        ev.unparseable());
    for (Map.Entry<String, PolicyModel.Evaluation.Group> e : ev.byShape().entrySet()) {
      out.printf(
          Locale.ROOT,
          "  %-14s %6.2f%% (%d/%d)%n",
          e.getKey(),
          100 * e.getValue().accuracy(),
          e.getValue().matched(),
          e.getValue().samples());
    }
    out.flush();
  }

  /**
   * ToolMatch of the model trained into {@code out} on held-out samples: printed, and kept as
   * out/eval.json.
   */
  static void evaluateTrained(PrintWriter o, String title, Path out, boolean cpu, List<Sample> test)
      throws IOException {
    try (PolicyModel m = PolicyModel.load(out, cpu, 0)) {
      PolicyModel.Evaluation ev = m.evaluate(test);
      printEvaluation(o, title, ev);
      writeJson(out.resolve("eval.json"), ev);
    }
  }

  static void writeJson(Path file, Object value) throws IOException {
    Path abs = file.toAbsolutePath();
    byte[] body =
        (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    new LocalArtifactStore(abs.getParent())
        .write(abs.getFileName().toString(), os -> os.write(body));
  }

  @Command(
      name = "sft",
      mixinStandardHelpOptions = true,
      description = "SFT warm-up from scratch (or --init), then ToolMatch on --test.")
  static final class Sft implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--train", required = true, description = "Training samples (JSON Lines).")
    Path train;

    @Option(names = "--test", description = "Held-out samples to evaluate after training.")
    Path test;

    @Option(names = "--init", description = "Start from this checkpoint instead of from scratch.")
    Path init;

    @Option(
        names = "--out",
        required = true,
        description = "Output directory (resumes from its newest checkpoint).")
    Path out;

    @Option(names = "--steps", description = "Optimizer steps (default 4000).")
    Integer steps;

    @Option(
        names = "--log-every",
        defaultValue = "100",
        description = "Print progress every N steps (default 100).")
    int logEvery;

    @ArgGroup(exclusive = false)
    Knobs knobs = new Knobs();

    @Override
    public Integer call() {
      try {
        PolicyConfig cfg = knobs.apply(PolicyConfig.sftDefaults(), steps).build();
        PrintWriter o = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        PolicyTrainer.Result r =
            PolicyTrainer.sft(read(train), init, out, cfg, printer(o, logEvery, t0));
        double secs = (System.nanoTime() - t0) / 1e9;
        o.printf(
            Locale.ROOT,
            "sft: %d steps on %d samples (%d rejected, %d prompts cut) in %.1fs -> %s%n",
            r.steps(),
            r.examples(),
            r.rejected(),
            r.promptsTruncated(),
            secs,
            r.checkpoint());
        if (test != null) {
          evaluateTrained(o, "test " + test, out, cfg.cpu(), read(test));
        }
        return 0;
      } catch (Exception e) {
        return fail(spec, e);
      }
    }
  }

  @Command(
      name = "grpo",
      mixinStandardHelpOptions = true,
      description = "GRPO with the ToolMatch reward from an --init checkpoint.")
  static final class Grpo implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--train", required = true, description = "Training samples (JSON Lines).")
    Path train;

    @Option(
        names = "--init",
        required = true,
        description = "Checkpoint to start from (its optimizer state is not used).")
    Path init;

    @Option(
        names = "--out",
        required = true,
        description = "Output directory (resumes from its newest checkpoint).")
    Path out;

    @Option(names = "--test", description = "Held-out samples to evaluate before and after.")
    Path test;

    @Option(names = "--steps", description = "Prompt batches (default 300).")
    Integer steps;

    @Option(
        names = "--group",
        description = "Samples per prompt, G (default " + ModelDefaults.GROUP + ").")
    Integer group;

    @Option(
        names = "--temperature",
        description =
            "Sampling temperature of the G samples (default " + ModelDefaults.TEMPERATURE + ").")
    Double temperature;

    @Option(
        names = "--log-every",
        defaultValue = "10",
        description = "Print progress every N steps (default 10).")
    int logEvery;

    @ArgGroup(exclusive = false)
    Knobs knobs = new Knobs();

    @Override
    public Integer call() {
      try {
        PolicyConfig.Builder b = knobs.apply(PolicyConfig.grpoDefaults(), steps);
        if (group != null) {
          b.group(group);
        }
        if (temperature != null) {
          b.temperature(temperature);
        }
        PolicyConfig cfg = b.build();
        PrintWriter o = spec.commandLine().getOut();
        List<Sample> testSamples = test == null ? null : read(test);
        if (testSamples != null) {
          try (PolicyModel m = PolicyModel.load(init, cfg.cpu(), 0)) {
            printEvaluation(o, "before: test " + test, m.evaluate(testSamples));
          }
        }
        long t0 = System.nanoTime();
        PolicyTrainer.Result r =
            PolicyTrainer.grpo(read(train), init, out, cfg, printer(o, logEvery, t0));
        o.printf(
            Locale.ROOT,
            "grpo: %d steps on %d samples (%d rejected) in %.1fs -> %s%n",
            r.steps(),
            r.examples(),
            r.rejected(),
            (System.nanoTime() - t0) / 1e9,
            r.checkpoint());
        if (testSamples != null) {
          evaluateTrained(o, "after: test " + test, out, cfg.cpu(), testSamples);
        }
        return 0;
      } catch (Exception e) {
        return fail(spec, e);
      }
    }
  }

  @Command(
      name = "probe",
      mixinStandardHelpOptions = true,
      description = "Greedy Capability Probing: prediction, calls, log-probs, PPL, mastered.")
  static final class Probe implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--model",
        required = true,
        description = "Checkpoint (or training output) directory.")
    Path model;

    @Option(names = "--data", required = true, description = "Samples to probe (JSON Lines).")
    Path data;

    @Option(
        names = "--out",
        required = true,
        description = "Output JSON Lines, one line per sample (written atomically).")
    Path out;

    @Option(names = "--cpu", description = "Stay on the CPU even when a GPU is visible.")
    boolean cpu;

    @Override
    public Integer call() {
      try {
        List<Sample> samples = read(data);
        List<ProbeResult> results;
        try (PolicyModel m = PolicyModel.load(model, cpu, 0)) {
          results = m.probe(samples);
        }
        StringBuilder sb = new StringBuilder();
        int mastered = 0;
        for (ProbeResult r : results) {
          ObjectNode o = Json.object();
          o.put("id", r.id());
          o.put("prediction", r.prediction());
          o.set("calls", Json.parse(SampleJson.callsToJson(r.calls())));
          if (r.parseError() != null) {
            o.put("parseError", r.parseError());
          }
          ObjectNode lp = o.putObject("logprobs");
          lp.put("tokens", r.tokens());
          lp.put("sum", r.sumLogProb());
          lp.put("mean", r.tokens() == 0 ? 0.0 : r.sumLogProb() / r.tokens());
          lp.put("min", r.minLogProb());
          o.put("ppl", r.ppl());
          o.put("mastered", r.mastered());
          mastered += r.mastered() ? 1 : 0;
          sb.append(Json.compact(o)).append('\n');
        }
        Path abs = out.toAbsolutePath();
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        new LocalArtifactStore(abs.getParent())
            .write(abs.getFileName().toString(), os -> os.write(body));
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "probed %d samples: %d mastered, %d mismatches -> %s%n",
                results.size(),
                mastered,
                results.size() - mastered,
                out);
        return 0;
      } catch (Exception e) {
        return fail(spec, e);
      }
    }
  }

  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description = "ToolMatch accuracy overall and by dialogue shape.")
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--model",
        required = true,
        description = "Checkpoint (or training output) directory.")
    Path model;

    @Option(names = "--data", required = true, description = "Samples with labels (JSON Lines).")
    Path data;

    @Option(names = "--json", description = "Also write the figures to this JSON file.")
    Path json;

    @Option(names = "--cpu", description = "Stay on the CPU even when a GPU is visible.")
    boolean cpu;

    @Override
    public Integer call() {
      try {
        PolicyModel.Evaluation ev;
        try (PolicyModel m = PolicyModel.load(model, cpu, 0)) {
          ev = m.evaluate(read(data));
        }
        printEvaluation(spec.commandLine().getOut(), data.toString(), ev);
        if (json != null) {
          writeJson(json, ev);
        }
        return 0;
      } catch (Exception e) {
        return fail(spec, e);
      }
    }
  }

  @Command(
      name = "bench",
      mixinStandardHelpOptions = true,
      description =
          "Training and KV-cache decoding throughput, and the same for a PyTorch twin when python3 has torch.")
  static final class Bench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--steps",
        defaultValue = "30",
        description = "Timed training steps (default 30).")
    int steps;

    @Option(
        names = "--rounds",
        defaultValue = "2",
        description =
            "Alternate DJL and twin this many times and keep each side's best figures (default 2; a shared machine is noisy).")
    int rounds;

    @Option(names = "--no-twin", description = "Skip the PyTorch twin.")
    boolean noTwin;

    @Option(
        names = "--python",
        defaultValue = "python3",
        description = "Python interpreter for the twin (default python3).")
    String python;

    @Option(names = "--json", description = "Also write the figures to this JSON file.")
    Path json;

    @Override
    public Integer call() {
      try {
        PolicyBench.Options opt = PolicyBench.Options.defaults().withTrainSteps(steps);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(
            Locale.ROOT,
            "model d=%d layers=%d heads=%d vocab=%d ngram=%d; train batch %d x seq %d; decode batch %d, prompt %d, %d new tokens; %d threads%n",
            opt.dModel(),
            opt.layers(),
            opt.heads(),
            opt.vocab(),
            opt.ngram(),
            opt.batch(),
            opt.seq(),
            opt.decodeBatch(),
            opt.promptLen(),
            opt.newTokens(),
            PolicyRuntime.threads());
        o.flush();
        PolicyBench.Figures djl = null;
        PolicyBench.Figures twin = null;
        String whyNot = null;
        for (int r = 0; r < Math.max(1, rounds); r++) {
          PolicyBench.Figures d1 = PolicyBench.runDjl(opt);
          print(o, "round " + (r + 1) + " ", d1);
          djl = best(djl, d1);
          if (!noTwin && whyNot == null) {
            StringBuilder why = new StringBuilder();
            PolicyBench.Figures t1 = PolicyBench.runTwin(opt, python, why);
            if (t1 == null) {
              whyNot = why.toString();
              o.println("twin: not run: " + whyNot);
            } else {
              print(o, "round " + (r + 1) + " ", t1);
              twin = best(twin, t1);
            }
          }
        }
        o.println("best of " + Math.max(1, rounds) + " rounds:");
        print(o, "", djl);
        ObjectNode result = Json.object();
        result.set("djl", Json.MAPPER.valueToTree(djl));
        if (twin != null) {
          print(o, "", twin);
          double train = djl.trainStepsPerSec() / twin.trainStepsPerSec();
          double decode = djl.decodeTokensPerSec() / twin.decodeTokensPerSec();
          o.printf(
              Locale.ROOT,
              "ratio djl/twin: training %.2fx, decoding %.2fx (goal >= 0.90x each)%n",
              train,
              decode);
          result.set("twin", Json.MAPPER.valueToTree(twin));
          result.put("trainRatio", train);
          result.put("decodeRatio", decode);
        }
        if (json != null) {
          writeJson(json, result);
        }
        return 0;
      } catch (Exception e) {
        return fail(spec, e);
      }
    }

    private static PolicyBench.Figures best(PolicyBench.Figures a, PolicyBench.Figures b) {
      if (a == null) {
        return b;
      }
      return new PolicyBench.Figures(
          a.engine(),
          Math.max(a.trainStepsPerSec(), b.trainStepsPerSec()),
          Math.max(a.trainTokensPerSec(), b.trainTokensPerSec()),
          Math.max(a.decodeTokensPerSec(), b.decodeTokensPerSec()),
          a.threads());
    }

    private static void print(PrintWriter o, String prefix, PolicyBench.Figures f) {
      o.printf(
          Locale.ROOT,
          "%s%-22s training %.2f steps/s, %.0f tokens/s; decoding %.0f tokens/s (%d threads)%n",
          prefix,
          f.engine(),
          f.trainStepsPerSec(),
          f.trainTokensPerSec(),
          f.decodeTokensPerSec(),
          f.threads());
      o.flush();
    }
  }
}

package dev.looptool.cli;

import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ModelDefaults;
import dev.looptool.core.policy.TrainingProgress;
import dev.looptool.policy.PolicyConfig;
import dev.looptool.policy.PolicyModel;
import dev.looptool.policy.model.DecoderConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      PolicySftCommand.class,
      PolicyGrpoCommand.class,
      PolicyProbeCommand.class,
      PolicyEvalCommand.class,
      PolicyBenchCommand.class
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

  /** The checkpoint that eval and probe load. */
  static final class Checkpoint {
    @Option(
        names = "--model",
        required = true,
        description = "Checkpoint (or training output) directory.")
    Path dir;

    @Option(names = "--cpu", description = "Stay on the CPU even when a GPU is visible.")
    boolean cpu;

    PolicyModel load() throws IOException {
      return PolicyModel.load(dir, cpu, 0);
    }
  }

  /** The options sft and grpo share: the samples, the output and how progress is printed. */
  static final class Training {
    @Option(names = "--train", required = true, description = "Training samples (JSON Lines).")
    Path train;

    @Option(
        names = "--out",
        required = true,
        description = "Output directory (resumes from its newest checkpoint).")
    Path out;

    @Option(
        names = "--progress",
        defaultValue = "text",
        description =
            "text, or json: one JSON line per report in the external trainers' progress protocol"
                + " (for policy.backend: external).")
    Progress progress;

    List<Sample> samples() throws IOException {
      return read(train);
    }

    TrainingProgress.Listener printer(PrintWriter o, int every, long startNanos) {
      return PolicyCommand.printer(o, every, startNanos, progress);
    }
  }

  /** How training progress is printed: for a person, or as the external trainers' protocol. */
  enum Progress {
    text,
    json
  }

  /**
   * Prints every {@code every}-th progress report and the last; as {@code json}, one protocol line
   * each (docs/backends.md), also whenever a new checkpoint was written, so that the external
   * trainer's runner (and its resume) always knows the newest checkpoint.
   */
  static TrainingProgress.Listener printer(
      PrintWriter out, int every, long startNanos, Progress format) {
    if (format == Progress.text) {
      return printer(out, every, startNanos);
    }
    String[] lastCheckpoint = {null};
    return p -> {
      boolean newCheckpoint = p.checkpoint() != null && !p.checkpoint().equals(lastCheckpoint[0]);
      if (p.step() % every == 0 || p.step() == p.totalSteps() || newCheckpoint) {
        lastCheckpoint[0] = p.checkpoint();
        out.println(p.toProtocolLine());
        out.flush();
      }
    };
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

  /** Writes {@code value} as pretty-printed JSON and a newline to {@code file}, atomically. */
  static void writeJson(Path file, Object value) throws IOException {
    byte[] body =
        (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    CliOut.writeAtomically(file, os -> os.write(body));
  }
}

package dev.looptool.cli;

import dev.looptool.core.model.Sample;
import dev.looptool.core.policy.ModelDefaults;
import dev.looptool.policy.PolicyConfig;
import dev.looptool.policy.PolicyModel;
import dev.looptool.policy.PolicyTrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "grpo",
    mixinStandardHelpOptions = true,
    description = {
      "GRPO with the ToolMatch reward from an --init checkpoint, or, with --warmup-steps and no",
      "(or an empty) --init, from an SFT warm-up from scratch on the same samples first."
    })
final class PolicyGrpoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PolicyCommand.Training training;

  @Option(
      names = "--init",
      description =
          "Checkpoint to start from (its optimizer state is not used); empty: see --warmup-steps.")
  Path init;

  @Option(
      names = "--warmup-steps",
      paramLabel = "N",
      description =
          "Without --init, N SFT steps from scratch (into OUT/warmup) before GRPO: the external"
              + " trainer's first iteration has no checkpoint to start from.")
  Integer warmupSteps;

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
  PolicyCommand.Knobs knobs = new PolicyCommand.Knobs();

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
      if (init == null || init.toString().isEmpty()) {
        if (warmupSteps == null) {
          throw new IllegalArgumentException("--init or --warmup-steps is required");
        }
        init = warmUp(o);
      }
      List<Sample> testSamples = test == null ? null : PolicyCommand.read(test);
      if (testSamples != null) {
        try (PolicyModel m = PolicyModel.load(init, cfg.cpu(), 0)) {
          PolicyCommand.printEvaluation(o, "before: test " + test, m.evaluate(testSamples));
        }
      }
      long t0 = System.nanoTime();
      PolicyTrainer.Result r =
          PolicyTrainer.grpo(
              training.samples(), init, training.out, cfg, training.printer(o, logEvery, t0));
      o.printf(
          Locale.ROOT,
          "grpo: %d steps on %d samples (%d rejected) in %.1fs -> %s%n",
          r.steps(),
          r.examples(),
          r.rejected(),
          (System.nanoTime() - t0) / 1e9,
          r.checkpoint());
      if (testSamples != null) {
        PolicyCommand.evaluateTrained(
            o, "after: test " + test, training.out, cfg.cpu(), testSamples);
      }
      return 0;
    } catch (Exception e) {
      return PolicyCommand.fail(spec, e);
    }
  }

  /** SFT from scratch with the SFT defaults (and the model and seed options given). */
  private Path warmUp(PrintWriter o) throws java.io.IOException {
    PolicyConfig sft = PolicyConfig.sftDefaults();
    PolicyConfig cfg =
        knobs
            .apply(sft, warmupSteps)
            .batchSize(sft.batchSize())
            .learningRate(sft.learningRate())
            .build();
    long t0 = System.nanoTime();
    return PolicyTrainer.sft(
            training.samples(),
            null,
            training.out.resolve("warmup"),
            cfg,
            training.printer(o, logEvery, t0))
        .checkpoint();
  }
}

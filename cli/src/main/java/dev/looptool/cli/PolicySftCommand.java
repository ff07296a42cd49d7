package dev.looptool.cli;

import dev.looptool.policy.PolicyConfig;
import dev.looptool.policy.PolicyTrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "sft",
    mixinStandardHelpOptions = true,
    description = "SFT warm-up from scratch (or --init), then ToolMatch on --test.")
final class PolicySftCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin PolicyCommand.Training training;

  @Option(names = "--test", description = "Held-out samples to evaluate after training.")
  Path test;

  @Option(names = "--init", description = "Start from this checkpoint instead of from scratch.")
  Path init;

  @Option(names = "--steps", description = "Optimizer steps (default 4000).")
  Integer steps;

  @Option(
      names = "--log-every",
      defaultValue = "100",
      description = "Print progress every N steps (default 100).")
  int logEvery;

  @ArgGroup(exclusive = false)
  PolicyCommand.Knobs knobs = new PolicyCommand.Knobs();

  @Override
  public Integer call() {
    try {
      PolicyConfig cfg = knobs.apply(PolicyConfig.sftDefaults(), steps).build();
      PrintWriter o = spec.commandLine().getOut();
      long t0 = System.nanoTime();
      PolicyTrainer.Result r =
          PolicyTrainer.sft(
              training.samples(), init, training.out, cfg, training.printer(o, logEvery, t0));
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
        PolicyCommand.evaluateTrained(
            o, "test " + test, training.out, cfg.cpu(), PolicyCommand.read(test));
      }
      return 0;
    } catch (Exception e) {
      return PolicyCommand.fail(spec, e);
    }
  }
}

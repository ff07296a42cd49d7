package dev.looptool.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code looptool bench ...}: throughput benchmarks of the model backends, one class per
 * subcommand; what they share of the machine they measure is in {@link BenchMachine}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of the model backends (they print measured numbers and ratios).",
    subcommands = {
      BenchJudgeCommand.class,
      BenchFakeServerCommand.class,
      BenchHistoryCommand.class
    })
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

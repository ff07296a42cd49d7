package dev.looptool.cli;

import dev.looptool.workers.DjlOffline;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code looptool} command line. Each command group lives in its own class; this class only
 * lists them.
 */
@Command(
    name = "looptool",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Closed-loop training of tool-calling language models (LoopTool), durably on Temporal.",
    subcommands = {
      RunCommand.class,
      ExperimentCommand.class,
      StartCommand.class,
      StatusCommand.class,
      SignalCommands.Pause.class,
      SignalCommands.Resume.class,
      SignalCommands.Stop.class,
      WaitCommand.class,
      WorkerCommand.class,
      ServerCommand.class,
      ServeCommand.class,
      DataCommand.class,
      PolicyCommand.class,
      WorldCommand.class,
      BfclCommand.class,
      AcebenchCommand.class,
      JudgeCommand.class,
      ExpandCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class,
      CompletionCommand.class
    })
public final class LoopToolCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of main). */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line: every entry point and test goes through this. */
  public static CommandLine commandLine() {
    DjlOffline.ensure();
    return new CommandLine(new LoopToolCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new OperatorErrors());
  }
}

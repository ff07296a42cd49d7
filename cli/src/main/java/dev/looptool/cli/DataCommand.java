package dev.looptool.cli;

import picocli.CommandLine.Command;

/** {@code looptool data ...}: import, export, validate and benchmark sample files. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Import, export, validate and benchmark sample files (JSON Lines).",
    subcommands = {
      DataImportCommand.class,
      DataExportCommand.class,
      DataValidateCommand.class,
      DataBenchCommand.class,
      DataBenchImportCommand.class
    })
public final class DataCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

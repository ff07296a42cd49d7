package dev.looptool.cli;

import dev.looptool.core.validate.FileValidation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code looptool data validate --in FILE.jsonl}. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks every sample: its structure, and every label call and every assistant call in the",
      "context against its tool spec. Prints each problem as FILE:LINE: field: message, then counts.",
      "Exit code 0 when clean, 2 when any problem was found, 1 when the file cannot be read."
    })
public final class DataValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--in",
      required = true,
      paramLabel = "FILE.jsonl",
      description = "Sample file (JSON Lines).")
  Path in;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Decoding threads (default: available processors).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(in)) {
      err.println("looptool data validate: " + in + ": no such file");
      return ExitCodes.ERROR;
    }
    FileValidation.Counts c = FileValidation.validate(in, threads, p -> out.println(p));
    out.printf(
        "%s: %d lines, %d samples decoded, %d valid, %d problem(s)%n",
        in, c.lines(), c.samples(), c.validSamples(), c.problems());
    out.flush();
    return c.clean() ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }
}

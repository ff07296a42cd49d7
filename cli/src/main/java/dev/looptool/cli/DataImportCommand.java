package dev.looptool.cli;

import dev.looptool.core.interop.DatasetFormat;
import dev.looptool.core.interop.DatasetFormats;
import dev.looptool.core.interop.DatasetImport;
import dev.looptool.core.store.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code looptool data import [--format F] --in FILE --out FILE.jsonl}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Converts a dataset (a JSON array or JSON Lines) into looptool samples. A record that cannot",
      "be converted is reported as FILE:LINE: field: message and written with the reason to",
      "OUT.rejects.jsonl; the last line counts imported and rejected records and why. Exit code 2",
      "when any record was rejected. Formats: looptool (the LoopTool authors' records), xlam,",
      "sharegpt, hermes, openai, verl, bfcl (BFCL-v3 questions with possible_answer/ beside them),",
      "samples (looptool's own)."
    })
public final class DataImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "The input's format (default: detected from the first record).")
  String format;

  @Option(
      names = "--in",
      required = true,
      paramLabel = "FILE",
      description = "Records: .json array or .jsonl.")
  Path in;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.jsonl",
      description = "Samples to write (JSON Lines).")
  Path out;

  @Option(
      names = "--id-prefix",
      paramLabel = "PREFIX",
      description = "Prefix of sample ids (default: the input file name without extension).")
  String idPrefix;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(in)) {
      err.println("looptool data import: " + in + ": no such file");
      return ExitCodes.ERROR;
    }
    DatasetFormat f;
    try {
      f = format == null ? null : DatasetFormats.byName(format);
    } catch (IllegalArgumentException e) {
      err.println("looptool data import: --format: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    String prefix =
        idPrefix != null ? idPrefix : in.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    Path rejects = Rejects.pathFor(out);
    DatasetImport.Summary[] summary = new DatasetImport.Summary[1];
    AtomicFiles.write(
        rejects,
        rejectsOut ->
            AtomicFiles.write(
                out,
                samplesOut ->
                    summary[0] =
                        DatasetImport.run(in, f, prefix, samplesOut, rejectsOut, err::println)));
    Rejects.removeIfEmpty(rejects, summary[0].rejected());
    stdout.println(
        summary[0].line()
            + " → "
            + out
            + (summary[0].rejected() == 0 ? "" : " (rejects in " + rejects + ")"));
    stdout.flush();
    err.flush();
    return summary[0].rejected() == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }
}

package dev.looptool.cli;

import dev.looptool.core.interop.DatasetExport;
import dev.looptool.core.interop.DatasetFormat;
import dev.looptool.core.interop.DatasetFormats;
import dev.looptool.core.store.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code looptool data export --format F --in FILE.jsonl --out FILE}. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Converts looptool samples into a dataset format for a trainer: looptool (the authors'",
      "records), sharegpt (LLaMA-Factory), openai (TRL), verl (RL rows; turn them into Parquet with",
      "pandas). Writes a JSON array (json.dump indent=2) when OUT ends in .json, JSON Lines",
      "otherwise, byte for byte as Python's json module would. Unreadable sample lines are",
      "reported as FILE:LINE: field: message and written to OUT.rejects.jsonl; exit code 2 then."
    })
public final class DataExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      description = "Output format: looptool, sharegpt, openai, verl, samples.")
  String format;

  @Option(
      names = "--in",
      required = true,
      paramLabel = "FILE.jsonl",
      description = "Samples (JSON Lines).")
  Path in;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Records to write (.json array or .jsonl).")
  Path out;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "A setting of the format, e.g. verl's split=test or data_source=toolace.")
  Map<String, String> settings = new TreeMap<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(in)) {
      err.println("looptool data export: " + in + ": no such file");
      return ExitCodes.ERROR;
    }
    DatasetFormat f;
    try {
      f = DatasetFormats.byName(format).with(settings);
      if (!f.writable()) {
        throw new IllegalArgumentException(format + " is an import-only format");
      }
    } catch (IllegalArgumentException e) {
      err.println("looptool data export: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    boolean array = out.getFileName().toString().endsWith(".json");
    Path rejects = Rejects.pathFor(out);
    DatasetExport.Summary[] summary = new DatasetExport.Summary[1];
    AtomicFiles.write(
        rejects,
        rejectsOut ->
            AtomicFiles.write(
                out,
                os -> summary[0] = DatasetExport.run(in, f, array, os, rejectsOut, err::println)));
    Rejects.removeIfEmpty(rejects, summary[0].rejected());
    stdout.println(summary[0].line() + " → " + out);
    stdout.flush();
    err.flush();
    return summary[0].rejected() == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }
}

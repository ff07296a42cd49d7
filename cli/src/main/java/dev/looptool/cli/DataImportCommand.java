package dev.looptool.cli;

import dev.looptool.core.format.LoopToolRecords;
import dev.looptool.core.format.RecordFiles;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.JsonlWriter;
import dev.looptool.core.io.LineError;
import dev.looptool.core.store.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code looptool data import-looptool --in FILE --out FILE.jsonl}. */
@Command(
    name = "import-looptool",
    mixinStandardHelpOptions = true,
    description = {
      "Converts the LoopTool authors' records {instruction, input, output} (a JSON array or JSON Lines)",
      "into looptool samples. Records that cannot be converted are reported as FILE:LINE: field: message",
      "and written with the reason to OUT.rejects.jsonl; exit code 2 when there were any."
    })
public final class DataImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--in",
      required = true,
      paramLabel = "FILE",
      description = "Authors' records: .json array or .jsonl.")
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
      description = "Prefix of sample ids (default: the input file name).")
  String idPrefix;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(in)) {
      err.println("looptool data import-looptool: " + in + ": no such file");
      return ExitCodes.ERROR;
    }
    String prefix =
        idPrefix != null ? idPrefix : in.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    Rejects rejects = new Rejects();
    long[] written = {0};
    AtomicFiles.write(
        out,
        os -> {
          try (JsonlWriter w = new JsonlWriter(os)) {
            RecordFiles.forEach(
                in,
                (index, line, node) -> {
                  try {
                    w.write(
                        LoopToolRecords.toSample(
                            LoopToolRecords.readRecord(node),
                            String.format("%s-%06d", prefix, index)));
                    written[0]++;
                  } catch (FormatException e) {
                    LineError le = new LineError(in.toString(), line, e.field(), e.getMessage());
                    err.println(le);
                    rejects.add(le, node);
                  }
                },
                le -> {
                  err.println(le);
                  rejects.add(le, null);
                });
          }
        });
    Path rejectsFile = rejects.write(out);
    stdout.printf(
        "%s: %d samples written to %s, %d rejected%s%n",
        in,
        written[0],
        out,
        rejects.size(),
        rejectsFile == null ? "" : " (see " + rejectsFile + ")");
    stdout.flush();
    err.flush();
    return rejects.size() == 0 ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }
}

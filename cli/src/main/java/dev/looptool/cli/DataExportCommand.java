package dev.looptool.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.looptool.core.format.LoopToolRecords;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.json.Json;
import dev.looptool.core.store.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code looptool data export-looptool --in FILE.jsonl --out FILE}. */
@Command(
    name = "export-looptool",
    mixinStandardHelpOptions = true,
    description = {
      "Converts looptool samples into the LoopTool authors' records {instruction, input, output}.",
      "Writes a JSON array when OUT ends in .json, JSON Lines otherwise. Bad input lines are reported",
      "as FILE:LINE: field: message and written to OUT.rejects.jsonl; exit code 2 when there were any."
    })
public final class DataExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(in)) {
      err.println("looptool data export-looptool: " + in + ": no such file");
      return ExitCodes.ERROR;
    }
    boolean array = out.getFileName().toString().endsWith(".json");
    Rejects rejects = new Rejects();
    long[] written = {0};
    AtomicFiles.write(
        out,
        os -> {
          try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(os);
              SampleReader r = SampleReader.open(in)) {
            if (array) {
              g.writeStartArray();
            }
            while (r.hasNext()) {
              SampleReader.Entry e = r.next();
              if (!e.ok()) {
                err.println(e.error());
                rejects.add(e.error(), null);
                continue;
              }
              if (array) {
                g.writeRaw(written[0] == 0 ? "\n" : ",\n");
              }
              g.writeTree(LoopToolRecords.toJson(LoopToolRecords.toRecord(e.sample())));
              if (!array) {
                g.writeRaw('\n');
              }
              written[0]++;
            }
            if (array) {
              g.writeRaw("\n");
              g.writeEndArray();
              g.writeRaw("\n");
            }
          }
        });
    Path rejectsFile = rejects.write(out);
    stdout.printf(
        "%s: %d records written to %s, %d rejected%s%n",
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

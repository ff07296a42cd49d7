package dev.looptool.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.format.PyJson;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.JsonlWriter;
import dev.looptool.core.io.LineError;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes looptool samples as records of a dataset format, streaming. The bytes are those of
 * Python's {@code json} module, as the trainers' own scripts write such files: JSON Lines as {@code
 * json.dumps(record)} per line, a JSON array as {@code json.dump(records, f, indent=2)}; so records
 * that came from such a file go back to the same bytes. Sample lines that cannot be read, and
 * samples the format cannot hold, go to the rejects stream with their reason.
 */
public final class DatasetExport {
  private DatasetExport() {}

  /** What one export did. */
  public record Summary(String file, String format, long records, long rejected) {
    public String line() {
      return file
          + " ("
          + format
          + "): "
          + records
          + (records == 1 ? " record written, " : " records written, ")
          + rejected
          + " rejected";
    }
  }

  /**
   * Exports the samples of {@code in}.
   *
   * @param array write one JSON array ({@code indent=2}) instead of JSON Lines
   */
  public static Summary run(
      Path in,
      DatasetFormat format,
      boolean array,
      OutputStream out,
      OutputStream rejects,
      Consumer<LineError> onError)
      throws IOException {
    if (!format.writable()) {
      throw new IllegalArgumentException(format.name() + " is an import-only format");
    }
    long written = 0;
    long rejected = 0;
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    try (SampleReader r = SampleReader.open(in);
        JsonlWriter rej = new JsonlWriter(rejects)) {
      StringBuilder sb = new StringBuilder(1 << 16);
      if (array) {
        w.write('[');
      }
      while (r.hasNext()) {
        SampleReader.Entry e = r.next();
        LineError problem = e.error();
        if (problem == null) {
          sb.setLength(0);
          try {
            JsonNode record = format.write(e.sample(), written);
            if (array) {
              sb.append(written == 0 ? "\n  " : ",\n  ");
              PyJson.dumpIndented(record, sb, 1);
            } else {
              sb.append(PyJson.dumpsAscii(record)).append('\n');
            }
            w.append(sb);
            written++;
            continue;
          } catch (FormatException x) {
            problem = new LineError(in.toString(), e.line(), x.field(), x.getMessage());
          }
        }
        rejected++;
        onError.accept(problem);
        ObjectNode o = Json.object();
        o.put("file", problem.file());
        o.put("line", problem.line());
        o.put("field", problem.field());
        o.put("reason", problem.message());
        rej.write(o);
      }
      if (array) {
        w.write(written == 0 ? "]" : "\n]");
      }
      w.flush();
    }
    return new Summary(in.toString(), format.name(), written, rejected);
  }
}

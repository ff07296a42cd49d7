package dev.looptool.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.format.RecordFiles;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.io.JsonlWriter;
import dev.looptool.core.io.LineError;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Sample;
import dev.looptool.core.validate.SampleValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Converts one file of a dataset format into looptool samples, streaming: records are read one at a
 * time, samples and rejects written as they come, so memory does not grow with the file. A record
 * that cannot be converted, or that gives a sample {@link SampleValidator} rejects, is written to
 * the rejects stream with {@code file}, {@code line}, {@code field} and {@code reason}; nothing is
 * dropped silently.
 */
public final class DatasetImport {
  private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
  // A quoted value: no spaces inside, so that an apostrophe in prose ("BFCL's") pairs with nothing.
  private static final Pattern QUOTED = Pattern.compile("'[^'\\s]*'");
  private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");

  private DatasetImport() {}

  /** What one import did. {@code reasons} counts rejected records by the kind of problem. */
  public record Summary(
      String file,
      String format,
      long records,
      long samples,
      long rejected,
      Map<String, Long> reasons) {
    public Summary {
      reasons = Map.copyOf(reasons);
    }

    /** One line for the operator: counts, and why records were rejected. */
    public String line() {
      StringBuilder sb =
          new StringBuilder()
              .append(file)
              .append(" (")
              .append(format)
              .append("): ")
              .append(records)
              .append(records == 1 ? " record, " : " records, ")
              .append(samples)
              .append(samples == 1 ? " sample imported, " : " samples imported, ")
              .append(rejected)
              .append(" rejected");
      if (!reasons.isEmpty()) {
        sb.append(" (");
        String sep = "";
        for (Map.Entry<String, Long> e : new TreeMap<>(reasons).entrySet()) {
          sb.append(sep).append(e.getValue()).append("× ").append(e.getKey());
          sep = "; ";
        }
        sb.append(')');
      }
      return sb.toString();
    }
  }

  /**
   * Imports {@code file}.
   *
   * @param format the format, or null to detect it from the first record
   * @param idPrefix sample ids are {@code idPrefix-NNNNNN} by record position (see {@link
   *     Conversations#ids} for records with several samples); the samples format keeps its ids
   * @param samples receives the samples as JSON Lines
   * @param rejects receives the rejected records as JSON Lines
   * @param onError sees each rejection as it happens (to print it)
   */
  public static Summary run(
      Path file,
      DatasetFormat format,
      String idPrefix,
      OutputStream samples,
      OutputStream rejects,
      Consumer<LineError> onError)
      throws IOException {
    String name = file.toString();
    Importer importer = new Importer(file, format, idPrefix, onError);
    try (JsonlWriter out = new JsonlWriter(samples);
        JsonlWriter rej = new JsonlWriter(rejects)) {
      importer.out = out;
      importer.rejects = rej;
      RecordFiles.forEach(
          file,
          importer::accept,
          le -> {
            try {
              importer.reject(le, null);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return new Summary(
        name,
        importer.format == null ? "unknown" : importer.format.name(),
        importer.records,
        importer.samples,
        importer.rejected,
        importer.reasons);
  }

  /** The kind of a problem, for counting: the field without indices, the message without values. */
  static String kind(LineError e) {
    String field = INDEX.matcher(e.field()).replaceAll("[]");
    String message = NUMBER.matcher(QUOTED.matcher(e.message()).replaceAll("'…'")).replaceAll("N");
    return field + ": " + message;
  }

  private static final class Importer {
    final Path file;
    final String idPrefix;
    final Consumer<LineError> onError;
    DatasetFormat format;
    DatasetFormat.RecordReader reader;
    JsonlWriter out;
    JsonlWriter rejects;
    long records;
    long samples;
    long rejected;
    final Map<String, Long> reasons = new TreeMap<>();

    Importer(Path file, DatasetFormat format, String idPrefix, Consumer<LineError> onError) {
      this.file = file;
      this.format = format;
      this.idPrefix = idPrefix;
      this.onError = onError;
    }

    void accept(long index, long line, JsonNode record) throws IOException {
      records++;
      try {
        if (reader == null) {
          if (format == null) {
            format = DatasetFormats.detect(record);
          }
          reader = format.open(file);
        }
        List<Sample> got = reader.read(record, String.format("%s-%06d", idPrefix, index));
        for (Sample s : got) {
          List<SampleValidator.Problem> problems = SampleValidator.validate(s);
          if (!problems.isEmpty()) {
            SampleValidator.Problem p = problems.get(0);
            throw new FormatException(
                p.field(), p.message() + " (in sample " + s.id() + " made from this record)");
          }
        }
        for (Sample s : got) {
          out.write(s);
        }
        samples += got.size();
      } catch (FormatException e) {
        reject(new LineError(file.toString(), line, e.field(), e.getMessage()), record);
      }
    }

    void reject(LineError e, JsonNode record) throws IOException {
      rejected++;
      reasons.merge(kind(e), 1L, Long::sum);
      onError.accept(e);
      ObjectNode o = Json.object();
      o.put("file", e.file());
      o.put("line", e.line());
      o.put("field", e.field());
      o.put("reason", e.message());
      if (record != null) {
        o.set("record", record);
      }
      rejects.write(o);
    }
  }
}

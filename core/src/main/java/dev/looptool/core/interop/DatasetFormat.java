package dev.looptool.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.model.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset format users bring (import) or trainers read (export). A file of the format is a JSON
 * array or JSON Lines of records; one record holds one or more samples (a conversation with several
 * assistant turns holds one per turn). Implementations are found by {@link DatasetFormats} through
 * {@link java.util.ServiceLoader}, so a module that is on the classpath adds its formats.
 */
public interface DatasetFormat {
  /** The name given with {@code --format} and {@code data.format}. */
  String name();

  /** One line for {@code --help}: what the format is and who writes it. */
  String description();

  /**
   * Whether a record has this format's shape: a cheap look at its keys, used to detect the format
   * of a file from its first record.
   */
  boolean recognizes(JsonNode record);

  /**
   * The reader for one file. Most formats read each record alone; a format whose records need
   * another file (BFCL's possible answers) opens it here and names it in its errors.
   */
  default RecordReader open(Path file) throws IOException {
    return this::read;
  }

  /**
   * The samples one record holds, in order. {@code id} is unique per record: a record with one
   * sample gives it that id, a record with several gives {@code id-1}, {@code id-2}, … ({@link
   * Conversations#ids}).
   *
   * @throws FormatException naming the field inside the record that is wrong
   */
  List<Sample> read(JsonNode record, String id) throws FormatException;

  /**
   * This format with settings given by the user ({@code --set key=value}); formats without settings
   * refuse any.
   */
  default DatasetFormat with(java.util.Map<String, String> settings) {
    if (!settings.isEmpty()) {
      throw new IllegalArgumentException(
          name() + " has no settings (got " + String.join(", ", settings.keySet()) + ")");
    }
    return this;
  }

  /** Whether {@link #write} is supported. */
  default boolean writable() {
    return false;
  }

  /**
   * One sample as a record of this format.
   *
   * @param index the sample's 0-based position in the exported file (some formats record it)
   * @throws FormatException when the format cannot hold this sample, naming the sample's field
   */
  default JsonNode write(Sample sample, long index) throws FormatException {
    throw new UnsupportedOperationException(name() + " is an import-only format");
  }

  /** Reads the records of one file. */
  @FunctionalInterface
  interface RecordReader {
    List<Sample> read(JsonNode record, String id) throws FormatException;
  }
}

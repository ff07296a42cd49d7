package dev.looptool.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.interop.DatasetFormat;
import dev.looptool.core.interop.DatasetImport;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.validate.SampleValidator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the fuzz properties require of a reader given a corrupted file: it either succeeds, or
 * reports the problem the way a user can act on it, naming the file, the line and (for a fault
 * inside a record) the field; never a raw Jackson, NullPointer, ClassCast, IndexOutOfBounds or
 * StackOverflow error.
 */
public final class ReaderFaults {
  private ReaderFaults() {}

  /** A reader run on one file. */
  @FunctionalInterface
  public interface Read<T> {
    T read() throws Exception;
  }

  /**
   * Runs {@code read}; returns its result, or null when it failed the way it should: with a {@link
   * BadInputException} (or {@code userFacing}) whose message names {@code file} and a line. Any
   * other throwable fails the property, with the reader's exception as the cause.
   */
  @SafeVarargs
  public static <T> T readOrReport(
      Path file, Read<T> read, Class<? extends Exception>... userFacing) {
    return readOrReport(List.of(file), read, userFacing);
  }

  /** As {@link #readOrReport(Path, Read, Class[])} for a reader of several files. */
  @SafeVarargs
  public static <T> T readOrReport(
      List<Path> files, Read<T> read, Class<? extends Exception>... userFacing) {
    try {
      return onCliStack(read);
    } catch (BadDataException e) {
      assertLineErrors(e.errors(), files);
      assertNamesFileAndLine(e.getMessage(), files);
      return null;
    } catch (BadInputException e) {
      assertNamesFileAndLine(e.getMessage(), files);
      return null;
    } catch (Exception e) {
      for (Class<? extends Exception> c : userFacing) {
        if (c.isInstance(e)) {
          assertNamesFileAndLine(e.getMessage(), files);
          return null;
        }
      }
      throw new AssertionError("a raw " + e.getClass().getName() + " escaped the reader", e);
    } catch (StackOverflowError e) {
      throw new AssertionError("the reader recursed without bound", e);
    }
  }

  /**
   * The stack a thread of the {@code looptool} process gets (the JVM's default on 64-bit Linux);
   * surefire runs tests with {@code -Xss4m}, which would hide a recursion only a test survives.
   */
  public static final long CLI_STACK_BYTES = 1 << 20;

  /** Runs {@code read} on a thread with the stack of the CLI and returns what it returned. */
  @SuppressWarnings("unchecked")
  public static <T> T onCliStack(Read<T> read) throws Exception {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result[0] = read.read();
              } catch (Throwable e) {
                failure[0] = e;
              }
            },
            "reader-on-cli-stack",
            CLI_STACK_BYTES);
    t.start();
    t.join();
    if (failure[0] instanceof Exception e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
    return (T) result[0];
  }

  /** Fails unless {@code message} holds {@code FILE:LINE} for one of the given files. */
  public static void assertNamesFileAndLine(String message, List<Path> files) {
    boolean named =
        message != null
            && files.stream()
                .anyMatch(
                    f ->
                        Pattern.compile(Pattern.quote(f.toString()) + ":\\d+")
                            .matcher(message)
                            .find());
    assertTrue(named, () -> "the error does not name " + files + " with a line: " + message);
  }

  public static void assertLineErrors(List<LineError> errors, Path file) {
    assertLineErrors(errors, List.of(file));
  }

  /**
   * Fails unless every error names one of {@code files}, a line (0 only for a finding about the
   * whole file, field {@code (file)}), a field and a reason.
   */
  public static void assertLineErrors(List<LineError> errors, List<Path> files) {
    List<String> names = files.stream().map(Path::toString).toList();
    for (LineError e : errors) {
      assertTrue(names.contains(e.file()), () -> "error names another file: " + e);
      assertTrue(e.line() >= 1 || "(file)".equals(e.field()), () -> "error has no line: " + e);
      assertTrue(e.field() != null && !e.field().isBlank(), () -> "error has no field: " + e);
      assertTrue(e.message() != null && !e.message().isBlank(), () -> "error has no reason: " + e);
    }
  }

  /**
   * Fails if {@code dir} holds a temporary file of an atomic write ({@code *.tmp-*}) that was left
   * behind.
   */
  public static void assertNoTemporaryFiles(Path dir) {
    try (var files = Files.list(dir)) {
      List<Path> left = files.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
      assertFalse(!left.isEmpty(), () -> "temporary files left behind: " + left);
    } catch (IOException e) {
      fail(e);
    }
  }

  /**
   * Imports {@code file} ({@code format} null: detected) and checks what came out: every rejected
   * record is reported and written to the rejects with file, line, field and reason; every sample
   * written is valid; the counts agree. Returns the summary, or null when the whole file was
   * refused (as {@link #readOrReport} allows).
   */
  public static DatasetImport.Summary assertImportAccountsForEveryRecord(
      Path file, DatasetFormat format) {
    return assertImportAccountsForEveryRecord(file, format, List.of());
  }

  /**
   * As {@link #assertImportAccountsForEveryRecord(Path, DatasetFormat)} for a format that also
   * reads {@code companions} (BFCL's possible answers), which a refusal of the whole file may name.
   */
  public static DatasetImport.Summary assertImportAccountsForEveryRecord(
      Path file, DatasetFormat format, List<Path> companions) {
    List<Path> named = new ArrayList<>(companions);
    named.add(0, file);
    ByteArrayOutputStream samples = new ByteArrayOutputStream();
    ByteArrayOutputStream rejects = new ByteArrayOutputStream();
    List<LineError> reported = new ArrayList<>();
    DatasetImport.Summary summary =
        readOrReport(
            named, () -> DatasetImport.run(file, format, "fz", samples, rejects, reported::add));
    if (summary == null) {
      return null;
    }
    assertLineErrors(reported, file);
    List<JsonlReader.Line> written = lines(samples.toByteArray());
    for (JsonlReader.Line l : written) {
      SampleReader.Entry e = SampleReader.decode(file.toString(), l);
      assertTrue(e.ok(), () -> "the import wrote a sample it cannot read back: " + e.error());
      assertEquals(
          List.of(),
          SampleValidator.validate(e.sample()),
          () -> "the import wrote an invalid sample " + l.text());
    }
    assertEquals(summary.samples(), written.size(), "samples written");
    List<JsonlReader.Line> rejected = lines(rejects.toByteArray());
    assertEquals(summary.rejected(), rejected.size(), "rejects written");
    assertEquals(reported.size(), rejected.size(), "rejects reported");
    for (JsonlReader.Line l : rejected) {
      JsonNode r = l.json();
      assertEquals(file.toString(), r.path("file").asText(), () -> "reject " + l.text());
      assertTrue(r.path("line").canConvertToLong(), () -> "reject without line " + l.text());
      assertFalse(r.path("field").asText().isBlank(), () -> "reject without field " + l.text());
      assertFalse(r.path("reason").asText().isBlank(), () -> "reject without reason " + l.text());
    }
    return summary;
  }

  private static List<JsonlReader.Line> lines(byte[] jsonl) {
    List<JsonlReader.Line> out = new ArrayList<>();
    JsonlReader r = JsonlReader.of(new ByteArrayInputStream(jsonl), "output");
    while (r.hasNext()) {
      JsonlReader.Line l = r.next();
      assertTrue(l.ok(), () -> "the import wrote a line that is not JSON: " + l.error());
      out.add(l);
    }
    return out;
  }
}

package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.io.SampleReader;
import dev.looptool.core.testing.Mutations;
import dev.looptool.core.testing.Mutations.Mutant;
import dev.looptool.core.testing.ReaderFaults;
import dev.looptool.core.testing.ScratchDir;
import dev.looptool.core.validate.SampleFilesFuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data commands run for real (picocli, in-process) on corrupted files (issue 18): no stack
 * trace reaches the operator, every reported problem names FILE:LINE, and {@code data import}
 * leaves its output complete or absent, never half-written.
 */
class DataFilesCliFuzzTest {
  @AutoClose private final ScratchDir dir = new ScratchDir();

  /** A corrupted records file, imported with its format named or left to detection. */
  record Import(boolean detect, Mutant mutant) {}

  static Stream<Import> records() {
    String authors = new String(coreResource("authors-records.jsonl"), StandardCharsets.UTF_8);
    byte[] head =
        (String.join("\n", authors.lines().limit(3).toList()) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] small = (DataCommandTest.RECORD + "\n").repeat(2).getBytes(StandardCharsets.UTF_8);
    List<Mutations.Source> sources =
        List.of(
            new Mutations.Source(head, Mutations.Syntax.JSON_LINES),
            new Mutations.Source(small, Mutations.Syntax.JSON_LINES),
            new Mutations.Source(coreResource("authors-records.json"), Mutations.Syntax.JSON));
    List<Integer> bases = IntStream.range(0, 2 * sources.size()).boxed().toList();
    return Mutations.across(bases, b -> sources.get(b / 2), (b, m) -> new Import(b % 2 == 1, m));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void importOfACorruptedFileWritesCompleteOutputOrNone(Import c) throws IOException {
    Mutant m = c.mutant();
    boolean detect = c.detect();
    Path work = dir.fresh("import");
    Path in = m.writeTo(work.resolve("records.jsonl"));
    Path out = work.resolve("samples.jsonl");
    CliRunner.Result r =
        detect
            ? runOnCliStack("data", "import", "--in", in.toString(), "--out", out.toString())
            : runOnCliStack(
                "data",
                "import",
                "--format",
                "looptool",
                "--in",
                in.toString(),
                "--out",
                out.toString());
    assertNoStackTrace(r);
    assertProblemsNameFileAndLine(r.err(), in);
    ReaderFaults.assertNoTemporaryFiles(work);
    Path rejects = Rejects.pathFor(out);
    if (r.exitCode() == ExitCodes.ERROR) {
      assertFalse(Files.exists(out), "a refused import left " + out);
      assertFalse(Files.exists(rejects), "a refused import left " + rejects);
      return;
    }
    assertTrue(r.exitCode() == ExitCodes.OK || r.exitCode() == ExitCodes.PROBLEMS, r.err());
    SampleReader.readAll(out); // complete: every line a sample
    assertEquals(r.exitCode() == ExitCodes.PROBLEMS, Files.exists(rejects), r.out());
  }

  static Stream<Mutant> samples() {
    return Mutations.of(SampleFilesFuzzTest.validFile(), Mutations.Syntax.JSON_LINES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void validationOfACorruptedSampleFileReportsLinesWithoutAStackTrace(Mutant m) {
    Path in = m.writeTo(dir.fresh("validate").resolve("samples.jsonl"));
    CliRunner.Result r = runOnCliStack("data", "validate", "--in", in.toString());
    assertNoStackTrace(r);
    assertProblemsNameFileAndLine(r.err(), in);
    assertTrue(r.exitCode() == ExitCodes.OK || r.exitCode() == ExitCodes.PROBLEMS, r.err());
  }

  /** The one end-to-end example the issue asks for: a record cut short, reported by its line. */
  @Test
  void aTruncatedRecordIsReportedAsFileAndLineOnStderrWithoutAStackTrace() throws IOException {
    Path work = dir.fresh("example");
    Path in = work.resolve("records.jsonl");
    String record = DataCommandTest.RECORD;
    Files.writeString(
        in, record + "\n" + record.substring(0, record.length() / 2) + "\n" + record + "\n");
    Path out = work.resolve("samples.jsonl");
    CliRunner.Result r =
        CliRunner.run("data", "import", "--in", in.toString(), "--out", out.toString());
    assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.err());
    assertNoStackTrace(r);
    assertTrue(r.err().contains(in + ":2: "), r.err());
    assertEquals(2, SampleReader.readAll(out).size());
  }

  /** Runs the CLI as {@link CliRunner#run} does, on a thread with the stack the process has. */
  static CliRunner.Result runOnCliStack(String... args) {
    try {
      return ReaderFaults.onCliStack(() -> CliRunner.run(args));
    } catch (Exception e) {
      throw new AssertionError("the command threw past picocli", e);
    }
  }

  static void assertNoStackTrace(CliRunner.Result r) {
    for (String stream : List.of(r.out(), r.err())) {
      assertFalse(stream.contains("\tat "), () -> "a stack trace reached the operator:\n" + stream);
      assertFalse(stream.contains("Exception in thread"), stream);
    }
  }

  /** Every stderr line about the input names it with a line number. */
  static void assertProblemsNameFileAndLine(String err, Path in) {
    Pattern fileLine = Pattern.compile(Pattern.quote(in.toString()) + ":\\d+: ");
    for (String line : err.split("\n")) {
      if (line.contains(in.toString())) {
        assertTrue(fileLine.matcher(line).find(), () -> "no FILE:LINE in: " + line);
      }
    }
  }

  /** A test resource of core's, shipped in its test-jar (so read as a resource, not a path). */
  static byte[] coreResource(String name) {
    try (var in =
        DataFilesCliFuzzTest.class.getResourceAsStream("/dev/looptool/core/interop/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

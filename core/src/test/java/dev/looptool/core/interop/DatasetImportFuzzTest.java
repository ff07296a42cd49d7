package dev.looptool.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looptool.core.json.Json;
import dev.looptool.core.testing.Fixtures;
import dev.looptool.core.testing.Mutations;
import dev.looptool.core.testing.Mutations.Mutant;
import dev.looptool.core.testing.ReaderFaults;
import dev.looptool.core.testing.ScratchDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every core dataset format, imported from corrupted copies of valid files (issue 18): the import
 * never throws past its caller, every record it cannot use is reported with file, line, field and
 * reason, and what it writes is valid samples.
 */
class DatasetImportFuzzTest {
  @AutoClose private final ScratchDir dir = new ScratchDir();

  /** A valid JSON Lines file of each format, made of the records the format tests use. */
  private static final Map<String, List<String>> VALID =
      Map.of(
          LoopToolFormat.NAME,
          List.of(),
          SamplesFormat.NAME,
          List.of(Json.compact(new SamplesFormat().write(Fixtures.weatherSample("s-1"), 0))),
          VerlFormat.NAME,
          List.of(Json.compact(new VerlFormat().write(Fixtures.weatherSample("v-1"), 0))),
          XlamFormat.NAME,
          List.of(XlamFormatTest.GIVEAWAYS, XlamFormatTest.LARGEST, XlamFormatTest.IRRELEVANT),
          HermesDatasetFormat.NAME,
          List.of(HermesDatasetFormatTest.STOCKS),
          OpenAiFormat.NAME,
          List.of(OpenAiFormatTest.FINE_TUNING, OpenAiFormatTest.TRL),
          ShareGptFormat.NAME,
          List.of(ShareGptFormatTest.LLAMA_FACTORY, ShareGptFormatTest.AUTHORS));

  /** One format's file, corrupted; {@code detect} leaves the format to the import to find. */
  record Case(String format, boolean detect, Mutant mutant) {}

  /** One format's file per base, with the format named and detected. */
  record Format(String name, boolean detect) {}

  static Stream<Case> jsonLines() {
    return Mutations.across(
        VALID.keySet().stream()
            .sorted()
            .flatMap(f -> Stream.of(new Format(f, false), new Format(f, true)))
            .toList(),
        f -> new Mutations.Source(valid(f.name()), Mutations.Syntax.JSON_LINES),
        (f, m) -> new Case(f.name(), f.detect(), m));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonLines")
  void aCorruptedJsonLinesFileIsImportedOrRejectedRecordByRecord(Case c) {
    Path file = c.mutant().writeTo(dir.resolve("in.jsonl"));
    ReaderFaults.assertImportAccountsForEveryRecord(
        file, c.detect() ? null : DatasetFormats.byName(c.format()));
  }

  static Stream<Mutant> authorsArray() {
    return Mutations.of(resource("authors-records.json"), Mutations.Syntax.JSON);
  }

  /** The authors release their records as one JSON array, read by streaming its elements. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("authorsArray")
  void aCorruptedJsonArrayOfAuthorsRecordsIsImportedOrRejected(Mutant m) {
    Path file = m.writeTo(dir.resolve("records.json"));
    ReaderFaults.assertImportAccountsForEveryRecord(file, new LoopToolFormat());
  }

  static Stream<Mutant> authorsDialogues() {
    return Mutations.of(resource("authors-dialogues.json"), Mutations.Syntax.JSON);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("authorsDialogues")
  void corruptedAuthorsDialoguesAreImportedOrRejected(Mutant m) {
    Path file = m.writeTo(dir.resolve("dialogues.json"));
    ReaderFaults.assertImportAccountsForEveryRecord(file, null);
  }

  /** A record that no format recognizes is a reject naming its line, not an exception. */
  @Test
  void detectionOfNoFormatIsARejectWithItsLine() {
    Path file = writeLines(List.of("{\"nothing\": \"known\"}"));
    DatasetImport.Summary s = ReaderFaults.assertImportAccountsForEveryRecord(file, null);
    assertEquals(1, s.rejected());
  }

  private static byte[] valid(String format) {
    if (format.equals(LoopToolFormat.NAME)) {
      return Mutations.head(resource("authors-records.jsonl"), 3);
    }
    return (String.join("\n", VALID.get(format)) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private Path writeLines(List<String> lines) {
    try {
      return Files.writeString(dir.resolve("in.jsonl"), String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path resource(String name) {
    try {
      return Path.of(DatasetImportFuzzTest.class.getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

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

  /**
   * One of the authors' releases, each one JSON array read by streaming its elements, corrupted and
   * written to {@code file}: the records (imported as looptool) and the dialogues (the format left
   * to detection).
   */
  record AuthorsArray(String resource, String file, DatasetFormat format, Mutant mutant) {
    @Override
    public String toString() {
      return resource + ": " + mutant;
    }
  }

  static Stream<AuthorsArray> authorsArrays() {
    return Stream.of(
            new AuthorsArray("authors-records.json", "records.json", new LoopToolFormat(), null),
            new AuthorsArray("authors-dialogues.json", "dialogues.json", null, null))
        .flatMap(
            a ->
                Mutations.of(resource(a.resource()), Mutations.Syntax.JSON)
                    .map(m -> new AuthorsArray(a.resource(), a.file(), a.format(), m)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("authorsArrays")
  void aCorruptedJsonArrayOfTheAuthorsIsImportedOrRejected(AuthorsArray a) {
    Path file = a.mutant().writeTo(dir.resolve(a.file()));
    ReaderFaults.assertImportAccountsForEveryRecord(file, a.format());
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

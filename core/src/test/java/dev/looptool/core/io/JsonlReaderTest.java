package dev.looptool.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.model.Sample;
import dev.looptool.core.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {

  private static List<JsonlReader.Line> lines(String content) {
    List<JsonlReader.Line> out = new ArrayList<>();
    JsonlReader r =
        JsonlReader.of(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "mem");
    r.forEachRemaining(out::add);
    return out;
  }

  @Test
  void numbersLinesSkippingBlanksAndHandlesCrlfAndNoTrailingNewline() {
    List<JsonlReader.Line> ls = lines("{\"a\":1}\r\n\n   \n{\"b\":2}");
    assertEquals(2, ls.size());
    assertEquals(1, ls.get(0).number());
    assertEquals(4, ls.get(1).number());
    assertEquals(2, ls.get(1).json().get("b").intValue());
  }

  @Test
  void malformedLineIsReportedAndReadingContinues() {
    List<JsonlReader.Line> ls = lines("{\"a\":1}\n{\"a\":\n{\"c\":3} trailing\n{\"d\":4}\n");
    assertEquals(4, ls.size());
    assertTrue(ls.get(0).ok());
    assertFalse(ls.get(1).ok());
    assertTrue(ls.get(1).error().startsWith("malformed JSON"), ls.get(1).error());
    assertFalse(ls.get(2).ok());
    assertTrue(ls.get(3).ok());
    assertEquals(4, ls.get(3).number());
  }

  @Test
  void aLineNestedDeeperThanTheParserAllowsIsAMalformedLine() {
    String deep = "[".repeat(1100) + "]".repeat(1100);
    List<JsonlReader.Line> ls = lines("{\"a\":1}\n" + deep + "\n{\"b\":2}\n");
    assertEquals(3, ls.size());
    assertFalse(ls.get(1).ok());
    assertTrue(ls.get(1).error().contains("nesting depth"), ls.get(1).error());
    assertTrue(ls.get(2).ok());
  }

  @Test
  void longLinesLargerThanTheBufferAreKeptWhole() {
    String big = "x".repeat(200_000);
    List<JsonlReader.Line> ls = lines("{\"s\":\"" + big + "\"}\n{\"t\":1}\n");
    assertEquals(big, ls.get(0).json().get("s").textValue());
    assertEquals(2, ls.get(1).number());
  }

  @Test
  void writerAndReaderRoundTripSamples(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("s.jsonl");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (JsonlWriter w = new JsonlWriter(buf)) {
      for (int i = 0; i < 3; i++) {
        w.write(Fixtures.weatherSample("s" + i));
      }
    }
    Files.write(f, buf.toByteArray());
    String text = Files.readString(f);
    assertEquals(3, text.split("\n").length);
    assertTrue(text.endsWith("}\n"));
    List<Sample> back = SampleReader.readAll(f);
    assertEquals(
        List.of(
            Fixtures.weatherSample("s0"),
            Fixtures.weatherSample("s1"),
            Fixtures.weatherSample("s2")),
        back);
  }

  @Test
  void readAllNamesFileLineAndField(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(
        f,
        SampleJsonTestLines.GOOD
            + "\n{\"id\":\"b\",\"messages\":[{\"role\":\"user\"}],\"label\":{\"calls\":5}}\n");
    BadDataException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            BadDataException.class, () -> SampleReader.readAll(f));
    assertEquals(1, e.errors().size());
    assertEquals(
        f + ":2: label.calls: must be an array of tool calls", e.errors().get(0).toString());
  }

  /** One valid line in the sample format. */
  static final class SampleJsonTestLines {
    static final String GOOD = SampleJson.toJson(Fixtures.weatherSample("a"));
  }
}

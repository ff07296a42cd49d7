package dev.looptool.policy.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {
  static final List<String> CORPUS = new ArrayList<>();

  static {
    for (int i = 0; i < 200; i++) {
      CORPUS.add(
          "<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\",\"day\":"
              + i
              + "}}</tool_call>");
      CORPUS.add("what is the weather in Paris on day " + i);
    }
  }

  @Test
  void anyStringRoundTripsThroughByteFallback() {
    Tokenizer tok = Tokenizer.train(CORPUS, 320);
    for (String s :
        List.of(
            "",
            "Zürich",
            "東京 ☃ 😀",
            "tab\tnew\nline",
            "\u0000\u007f",
            "{\"x\": [1, 2.5e-3]}",
            "  leading")) {
      assertEquals(s, tok.decode(tok.encode(s)), s);
    }
  }

  @Test
  void learntMergesShortenTheCorpusAndNeverExceedTheVocabulary() {
    Tokenizer tok = Tokenizer.train(CORPUS, 320);
    // Training stops early when no pair occurs twice any more; it never exceeds the request.
    assertTrue(
        tok.vocabSize() <= 320 && tok.vocabSize() > Tokenizer.FIRST_MERGE + 20,
        "vocab " + tok.vocabSize());
    String s = CORPUS.get(10);
    int[] ids = tok.encode(s);
    assertTrue(
        ids.length * 3 < Tokenizer.bytesOnly().encode(s).length,
        "merges should compress: " + ids.length);
    for (int id : ids) {
      assertTrue(id >= Tokenizer.CALL_OPEN && id < 320);
    }
  }

  @Test
  void callTagsAreOneTokenEachAndDecodeToTheirText(@TempDir Path dir) throws IOException {
    Tokenizer tok = Tokenizer.train(CORPUS, 320);
    String answer = "<tool_call>{\"name\":\"f\"}</tool_call><tool_call>{}</tool_call>";
    int[] ids = tok.encode(answer);
    assertEquals(Tokenizer.CALL_OPEN, ids[0]);
    assertEquals(Tokenizer.CALL_CLOSE, ids[ids.length - 1]);
    assertEquals(2, java.util.Arrays.stream(ids).filter(i -> i == Tokenizer.CALL_OPEN).count());
    assertEquals(answer, tok.decode(ids));
    assertEquals("<tool_call>", tok.tokenName(Tokenizer.CALL_OPEN));
    // No merge was learnt from the tags' pieces: "tool_call" occurs only inside them in this
    // corpus.
    assertTrue(tok.encode("tool_call").length > 1);
    tok.save(dir.resolve("t.json"));
    assertArrayEquals(ids, Tokenizer.load(dir.resolve("t.json")).encode(answer));
  }

  @Test
  void aVersionOneTokenizerStillLoadsAndSpellsTheTagsInBytes(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("v1.json");
    // Version 1: eight specials, bytes from 8, merges from 264; this one merges 'a' (8+97) and 'b'
    // (8+98).
    Files.writeString(
        f,
        "{\"type\":\"byte-bpe\",\"version\":1,\"specials\":[\"<pad>\",\"<bos>\",\"<eos>\",\"<tools>\",\"<user>\","
            + "\"<assistant>\",\"<tool>\",\"<answer>\"],\"merges\":[[105,106]]}");
    Tokenizer v1 = Tokenizer.load(f);
    assertEquals(265, v1.vocabSize());
    assertTrue(!v1.hasCallTokens());
    assertArrayEquals(new int[] {264}, v1.encode("ab"));
    int[] tag = v1.encode("<tool_call>");
    assertEquals(8 + '<', tag[0]);
    assertEquals("<tool_call>ab", v1.decode(v1.encode("<tool_call>ab")));
    v1.save(dir.resolve("again.json"));
    assertArrayEquals(tag, Tokenizer.load(dir.resolve("again.json")).encode("<tool_call>"));
  }

  @Test
  void aValueTokenizesTheSameInTheRequestAndInTheCall() {
    Tokenizer tok = Tokenizer.train(CORPUS, 320);
    for (String value : List.of("Paris", "OR-41623", "Slow Dancing", "2026-01-27")) {
      String ids = java.util.Arrays.toString(tok.encode(value)).replaceAll("[\\[\\]]", "");
      String request = java.util.Arrays.toString(tok.encode("what about " + value + " today"));
      String call = java.util.Arrays.toString(tok.encode("{\"city\":\"" + value + "\",\"day\":3}"));
      assertTrue(request.contains(ids), value + " in request: " + request + " vs " + ids);
      assertTrue(call.contains(ids), value + " in call: " + call + " vs " + ids);
    }
  }

  @Test
  void trainingIsDeterministicAndSurvivesSaveAndLoad(@TempDir Path dir) throws IOException {
    Tokenizer a = Tokenizer.train(CORPUS, 300);
    Tokenizer b = Tokenizer.train(CORPUS, 300);
    a.save(dir.resolve("t.json"));
    Tokenizer c = Tokenizer.load(dir.resolve("t.json"));
    for (String s : CORPUS.subList(0, 20)) {
      assertArrayEquals(a.encode(s), b.encode(s));
      assertArrayEquals(a.encode(s), c.encode(s));
    }
  }

  @Test
  void aDamagedFileIsRefusedWithItsName(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("t.json");
    Files.writeString(
        f,
        "{\"type\":\"byte-bpe\",\"version\":1,\"specials\":[1,2,3,4,5,6,7,8],\"merges\":[[9999,8]]}");
    IOException e = assertThrows(IOException.class, () -> Tokenizer.load(f));
    assertTrue(
        e.getMessage().contains(f.toString()) && e.getMessage().contains("merges"), e.getMessage());
  }
}

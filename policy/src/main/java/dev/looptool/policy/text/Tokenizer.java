package dev.looptool.policy.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte-level BPE tokenizer: every string encodes (unknown characters fall back to their UTF-8
 * bytes, so the model can copy any argument value), merges are learnt from the world's corpus, and
 * a few special tokens mark the parts of the prompt. The Hermes call tags {@code <tool_call>} and
 * {@code </tool_call>} are special tokens too, written as their text: an answer's call count is
 * then one token per call, which the decoder's call-index inputs read (tokenizers saved before
 * version 2 have no such tokens and encode the tags byte by byte).
 */
public final class Tokenizer {
  public static final int PAD = 0;
  public static final int BOS = 1;
  public static final int EOS = 2;

  /** Starts the tools block of a prompt. */
  public static final int TOOLS = 3;

  public static final int USER = 4;

  /** An earlier assistant turn in the conversation. */
  public static final int ASSISTANT = 5;

  /** A tool result in the conversation. */
  public static final int TOOL_RESULT = 6;

  /** Ends the prompt: the model's answer follows. */
  public static final int ANSWER = 7;

  /** Opens a call: the text {@code <tool_call>} (version 2 tokenizers). */
  public static final int CALL_OPEN = 8;

  /** Closes a call: the text {@code </tool_call>} (version 2 tokenizers). */
  public static final int CALL_CLOSE = 9;

  static final String[] SPECIAL_NAMES = {
    "<pad>",
    "<bos>",
    "<eos>",
    "<tools>",
    "<user>",
    "<assistant>",
    "<tool>",
    "<answer>",
    "<tool_call>",
    "</tool_call>"
  };

  /** Specials of this version; version 1 had the first eight. */
  static final int SPECIALS = SPECIAL_NAMES.length;

  static final int FIRST_MERGE = SPECIALS + 256;
  private static final int VERSION = 2;
  private static final int V1_SPECIALS = 8;
  private static final Pattern CALL_TAG = Pattern.compile("</?tool_call>");

  /**
   * Merges never cross these chunks: words, single digits, runs of punctuation, runs of whitespace.
   * A value must tokenize the same in the request and in the call for the model to learn copying,
   * so no chunk absorbs a neighbouring space or quote, and digits stay single (an unseen number is
   * then a sequence of familiar tokens).
   */
  private static final Pattern CHUNK =
      Pattern.compile(
          "[\\p{L}_]+|\\p{N}|[^\\s\\p{L}\\p{N}_]+|\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  private final int
      specials; // SPECIALS, or V1_SPECIALS for a version 1 tokenizer; the 256 bytes follow them
  private final int firstMerge;
  private final int[][] merges; // merge i produces token firstMerge + i from pair (a, b)
  private final Map<Long, Integer> rank = new HashMap<>();
  private final byte[][] bytesOf;
  private final Map<String, int[]> cache = new HashMap<>();

  private Tokenizer(int specials, int[][] merges) {
    this.specials = specials;
    this.firstMerge = specials + 256;
    this.merges = merges;
    bytesOf = new byte[firstMerge + merges.length][];
    for (int i = 0; i < specials; i++) {
      bytesOf[i] =
          i == CALL_OPEN || i == CALL_CLOSE
              ? SPECIAL_NAMES[i].getBytes(StandardCharsets.UTF_8)
              : new byte[0];
    }
    for (int b = 0; b < 256; b++) {
      bytesOf[specials + b] = new byte[] {(byte) b};
    }
    for (int i = 0; i < merges.length; i++) {
      int a = merges[i][0];
      int b = merges[i][1];
      if (a < specials || b < specials || a >= firstMerge + i || b >= firstMerge + i) {
        throw new IllegalArgumentException(
            "merge " + i + " refers to an unknown token: " + a + ", " + b);
      }
      rank.put(pair(a, b), i);
      byte[] x = bytesOf[a];
      byte[] y = bytesOf[b];
      byte[] xy = new byte[x.length + y.length];
      System.arraycopy(x, 0, xy, 0, x.length);
      System.arraycopy(y, 0, xy, x.length, y.length);
      bytesOf[firstMerge + i] = xy;
    }
  }

  /**
   * Whether {@code <tool_call>} and {@code </tool_call>} are single tokens ({@link #CALL_OPEN},
   * {@link #CALL_CLOSE}).
   */
  public boolean hasCallTokens() {
    return specials > CALL_CLOSE;
  }

  /** The vocabulary size: specials, 256 bytes, and the learnt merges. */
  public int vocabSize() {
    return bytesOf.length;
  }

  /** A tokenizer with no merges (bytes only). */
  public static Tokenizer bytesOnly() {
    return new Tokenizer(SPECIALS, new int[0][]);
  }

  /**
   * Learns merges from a corpus until the vocabulary reaches {@code vocabSize} (or no pair occurs
   * twice). Deterministic: ties break on the smaller pair.
   */
  public static Tokenizer train(Collection<String> corpus, int vocabSize) {
    if (vocabSize < FIRST_MERGE) {
      throw new BadInputException(
          "vocabulary size must be at least " + FIRST_MERGE + ", got " + vocabSize);
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String text : corpus) {
      // The call tags are tokens of their own, so no merge is spent on their pieces.
      for (String part : CALL_TAG.split(text)) {
        Matcher m = CHUNK.matcher(part);
        while (m.find()) {
          counts.merge(m.group(), 1, Integer::sum);
        }
      }
    }
    List<int[]> words = new ArrayList<>(counts.size());
    int[] freq = new int[counts.size()];
    int w = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      words.add(byteTokens(e.getKey(), SPECIALS));
      freq[w++] = e.getValue();
    }
    List<int[]> learnt = new ArrayList<>();
    while (FIRST_MERGE + learnt.size() < vocabSize) {
      Map<Long, Long> pairCounts = new HashMap<>();
      for (int i = 0; i < words.size(); i++) {
        int[] t = words.get(i);
        for (int j = 0; j + 1 < t.length; j++) {
          pairCounts.merge(pair(t[j], t[j + 1]), (long) freq[i], Long::sum);
        }
      }
      long best = -1;
      long bestCount = 1;
      for (Map.Entry<Long, Long> e : pairCounts.entrySet()) {
        long c = e.getValue();
        if (c > bestCount || (c == bestCount && best >= 0 && e.getKey() < best)) {
          best = e.getKey();
          bestCount = c;
        }
      }
      if (best < 0) {
        break;
      }
      int a = (int) (best >>> 32);
      int b = (int) best;
      int id = FIRST_MERGE + learnt.size();
      learnt.add(new int[] {a, b});
      for (int i = 0; i < words.size(); i++) {
        words.set(i, applyMerge(words.get(i), a, b, id));
      }
    }
    return new Tokenizer(SPECIALS, learnt.toArray(new int[0][]));
  }

  private static int[] applyMerge(int[] t, int a, int b, int id) {
    int n = 0;
    int[] out = new int[t.length];
    for (int j = 0; j < t.length; j++) {
      if (j + 1 < t.length && t[j] == a && t[j + 1] == b) {
        out[n++] = id;
        j++;
      } else {
        out[n++] = t[j];
      }
    }
    return n == t.length ? t : java.util.Arrays.copyOf(out, n);
  }

  private static long pair(int a, int b) {
    return ((long) a << 32) | (b & 0xffffffffL);
  }

  private static int[] byteTokens(String s, int byteBase) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int[] t = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      t[i] = byteBase + (b[i] & 0xff);
    }
    return t;
  }

  /**
   * Encodes text into token ids; the call tags become {@link #CALL_OPEN} and {@link #CALL_CLOSE}
   * when this tokenizer has them, no other special token ever comes out of text.
   */
  public int[] encode(String text) {
    IntList out = new IntList(text.length());
    if (!hasCallTokens()) {
      encodeText(text, out);
      return out.toArray();
    }
    Matcher tag = CALL_TAG.matcher(text);
    int from = 0;
    while (tag.find()) {
      encodeText(text.substring(from, tag.start()), out);
      out.add(tag.group().charAt(1) == '/' ? CALL_CLOSE : CALL_OPEN);
      from = tag.end();
    }
    encodeText(text.substring(from), out);
    return out.toArray();
  }

  private void encodeText(String text, IntList out) {
    Matcher m = CHUNK.matcher(text);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        // The pattern covers every character; this guards against a future pattern change.
        out.addAll(encodeChunk(text.substring(last, m.start())));
      }
      out.addAll(encodeChunk(m.group()));
      last = m.end();
    }
    if (last < text.length()) {
      out.addAll(encodeChunk(text.substring(last)));
    }
  }

  private int[] encodeChunk(String chunk) {
    int[] cached = cache.get(chunk);
    if (cached != null) {
      return cached;
    }
    int[] t = byteTokens(chunk, specials);
    while (t.length > 1) {
      int bestRank = Integer.MAX_VALUE;
      for (int j = 0; j + 1 < t.length; j++) {
        Integer r = rank.get(pair(t[j], t[j + 1]));
        if (r != null && r < bestRank) {
          bestRank = r;
        }
      }
      if (bestRank == Integer.MAX_VALUE) {
        break;
      }
      t = applyMerge(t, merges[bestRank][0], merges[bestRank][1], firstMerge + bestRank);
    }
    if (cache.size() < 200_000) {
      cache.put(chunk, t);
    }
    return t;
  }

  /**
   * Decodes ids to text; the call tags decode to their text, other specials to nothing, broken
   * UTF-8 to U+FFFD.
   */
  public String decode(int[] ids, int from, int to) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = from; i < to; i++) {
      int id = ids[i];
      if (id >= 0 && id < bytesOf.length) {
        out.writeBytes(bytesOf[id]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  public String decode(int[] ids) {
    return decode(ids, 0, ids.length);
  }

  /** A readable name of a token, for debugging and tests. */
  public String tokenName(int id) {
    if (id < specials) {
      return SPECIAL_NAMES[id];
    }
    return new String(bytesOf[id], StandardCharsets.UTF_8);
  }

  public void save(Path file) throws IOException {
    ObjectNode root = Json.object();
    root.put("type", "byte-bpe");
    root.put("version", specials == SPECIALS ? VERSION : 1);
    ArrayNode names = root.putArray("specials");
    for (int i = 0; i < specials; i++) {
      names.add(SPECIAL_NAMES[i]);
    }
    ArrayNode m = root.putArray("merges");
    for (int[] p : merges) {
      m.addArray().add(p[0]).add(p[1]);
    }
    Files.writeString(file, Json.compact(root) + "\n");
  }

  public static Tokenizer load(Path file) throws IOException {
    JsonNode root = Json.parse(Files.readString(file));
    int version = root.path("version").asInt();
    if (!"byte-bpe".equals(root.path("type").asText()) || version < 1 || version > VERSION) {
      throw new IOException(
          file + ": type: not a looptool byte-bpe tokenizer (versions 1 to " + VERSION + ")");
    }
    int expected = version == 1 ? V1_SPECIALS : SPECIALS;
    JsonNode specials = root.path("specials");
    if (specials.size() != expected) {
      throw new IOException(
          file
              + ": specials: version "
              + version
              + " has "
              + expected
              + " special tokens, found "
              + specials.size());
    }
    JsonNode m = root.path("merges");
    int[][] merges = new int[m.size()][];
    for (int i = 0; i < m.size(); i++) {
      merges[i] = new int[] {m.get(i).get(0).asInt(), m.get(i).get(1).asInt()};
    }
    try {
      return new Tokenizer(expected, merges);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": merges: " + e.getMessage(), e);
    }
  }

  /** A growable int array; token lists are hot enough that boxing shows in profiles. */
  static final class IntList {
    private int[] a;
    private int n;

    IntList(int capacity) {
      a = new int[Math.max(8, capacity)];
    }

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    void addAll(int[] v) {
      if (n + v.length > a.length) {
        a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + v.length));
      }
      System.arraycopy(v, 0, a, n, v.length);
      n += v.length;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}

package dev.looptool.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Corrupted copies of a valid input file, for the file readers' fuzz tests (issue 18): cut short,
 * bytes flipped or inserted, a value replaced by one of another JSON type, a field removed, a line
 * repeated, oversized strings, arrays and numbers, deep nesting, and pure binary. A mutant is a
 * {@link Kind} and a long seed applied to a valid file, so a failing case is named by a short,
 * reproducible description instead of megabytes of bytes.
 *
 * <p>A fuzz test is a {@code @ParameterizedTest(name = "{0}")} whose {@code @MethodSource} returns
 * {@link #of(byte[], Syntax)} or {@link #across}: {@link #tries()} cases, the i-th of kind {@code i
 * mod 11} and with the i-th long of {@code new Random(seed())}, so every run sees the same inputs
 * and a longer run starts with the cases of a shorter one. A failure is not shrunk: its name gives
 * the kind and seed, and {@link #mutate} with them rebuilds the same bytes (as the regression tests
 * beside the fuzz tests do). To fuzz harder, or other inputs:
 *
 * <pre>
 * mvn -o -q -pl cli -am test -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dlooptool.fuzz.tries=1000 -Dlooptool.fuzz.seed=7
 * </pre>
 */
public final class Mutations {
  /** The seed of the cases' sequence unless {@value #SEED_PROPERTY} names another. */
  public static final long SEED = 20261203L;

  /** The system property of the number of cases per fuzz test (surefire passes it on). */
  public static final String TRIES_PROPERTY = "looptool.fuzz.tries";

  /** The system property of the seed of the cases' sequence (surefire passes it on). */
  public static final String SEED_PROPERTY = "looptool.fuzz.seed";

  /** Cases per fuzz test unless {@value #TRIES_PROPERTY} says otherwise: well under a minute. */
  public static final int DEFAULT_TRIES = 25;

  private static final String PLACEHOLDER = "FUZZ_PLACEHOLDER_7f3a";

  private Mutations() {}

  /** The ways a valid file is corrupted. */
  public enum Kind {
    TRUNCATE,
    FLIP_BYTES,
    INSERT_BYTES,
    RETYPE,
    REMOVE_FIELD,
    DUPLICATE_DOCUMENT,
    HUGE_STRING,
    HUGE_ARRAY,
    HUGE_NUMBER,
    DEEP_NESTING,
    BINARY
  }

  /** A corrupted file: how it was made (for the failure report) and its bytes. */
  public record Mutant(Kind kind, long seed, String detail, byte[] bytes) {
    public Path writeTo(Path file) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return file;
    }

    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return kind + " (seed " + seed + "): " + detail + ", " + bytes.length + " bytes";
    }
  }

  /**
   * How a file's text splits into JSON documents and is put back together, so that structural
   * mutations (retype, remove, oversize, nest) can edit one document as a tree.
   */
  public interface Syntax {
    /** The documents' spans in the text: each non-blank line, or the whole file. */
    List<int[]> documents(String text);

    JsonNode parse(String document);

    String write(JsonNode document);

    /** JSON Lines: each non-blank line is a document, written back compact. */
    Syntax JSON_LINES = of(Syntax::nonBlankLines, Fixtures::json, Json::compact);

    /** One JSON document (a spec, an array of records), written back pretty-printed. */
    Syntax JSON = document(Fixtures::json, Mutations::pretty);

    /** One document of another syntax (YAML) read and written as a JSON tree by the given codec. */
    static Syntax document(Function<String, JsonNode> parse, Function<JsonNode, String> write) {
      return of(text -> List.of(new int[] {0, text.length()}), parse, write);
    }

    /** The syntax whose documents lie at the given spans and are read and written by the codec. */
    static Syntax of(
        Function<String, List<int[]>> documents,
        Function<String, JsonNode> parse,
        Function<JsonNode, String> write) {
      return new Syntax() {
        @Override
        public List<int[]> documents(String text) {
          return documents.apply(text);
        }

        @Override
        public JsonNode parse(String document) {
          return parse.apply(document);
        }

        @Override
        public String write(JsonNode document) {
          return write.apply(document);
        }
      };
    }

    private static List<int[]> nonBlankLines(String text) {
      List<int[]> spans = new ArrayList<>();
      int start = 0;
      while (start <= text.length()) {
        int end = text.indexOf('\n', start);
        if (end < 0) {
          end = text.length();
        }
        if (!text.substring(start, end).isBlank()) {
          spans.add(new int[] {start, end});
        }
        start = end + 1;
      }
      return spans;
    }
  }

  /** A valid file to corrupt: its bytes and how they split into documents. */
  public record Source(byte[] valid, Syntax syntax) {
    public static Source of(Path valid, Syntax syntax) {
      return new Source(read(valid), syntax);
    }
  }

  /** {@link #tries()} mutants of {@code valid}, a well-formed file of the given syntax. */
  public static Stream<Mutant> of(byte[] valid, Syntax syntax) {
    return across(List.of(new Source(valid, syntax)), s -> s, (s, m) -> m);
  }

  /** {@link #tries()} mutants of a valid file on disk. */
  public static Stream<Mutant> of(Path valid, Syntax syntax) {
    return of(read(valid), syntax);
  }

  /**
   * {@link #tries()} cases over several valid files: each base gives its {@link Source} (read once)
   * and {@code make} pairs it with a mutant of that source into the test's case, whose {@code
   * toString} names the base. The i-th case mutates base {@code (i + i / lcm(K, B)) mod B} with
   * kind {@code i mod K} (K kinds, B bases): every base within B cases, every kind within K, every
   * pair of the two within K·B.
   */
  public static <B, C> Stream<C> across(
      List<B> bases, Function<B, Source> source, BiFunction<B, Mutant, C> make) {
    return across(bases, source, make, tries(), seed());
  }

  /** As {@link #across(List, Function, BiFunction)} with the number of cases and seed given. */
  public static <B, C> Stream<C> across(
      List<B> bases,
      Function<B, Source> source,
      BiFunction<B, Mutant, C> make,
      int tries,
      long seed) {
    if (bases.isEmpty()) {
      throw new IllegalArgumentException("no valid file to mutate");
    }
    List<Source> sources = bases.stream().map(source).toList();
    Kind[] kinds = Kind.values();
    int b = bases.size();
    long lcm = (long) kinds.length * b / gcd(kinds.length, b);
    Random seeds = new Random(seed);
    return IntStream.range(0, tries)
        .mapToObj(
            i -> {
              int base = (int) ((i + i / lcm) % b);
              Source s = sources.get(base);
              Mutant m = mutate(s.valid(), s.syntax(), kinds[i % kinds.length], seeds.nextLong());
              return make.apply(bases.get(base), m);
            });
  }

  /** Cases per fuzz test: {@value #TRIES_PROPERTY}, or {@value #DEFAULT_TRIES}. */
  public static int tries() {
    String v = System.getProperty(TRIES_PROPERTY, "");
    if (v.isBlank()) {
      return DEFAULT_TRIES;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(
        "-D" + TRIES_PROPERTY + " must be a whole number of at least 1, not '" + v + "'");
  }

  /** The seed of the cases' sequence: {@value #SEED_PROPERTY}, or {@link #SEED}. */
  public static long seed() {
    String v = System.getProperty(SEED_PROPERTY, "");
    if (v.isBlank()) {
      return SEED;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + SEED_PROPERTY + " must be a whole number (a long), not '" + v + "'", e);
    }
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** The first {@code n} lines of a (large) valid JSON Lines file, as the fuzzing's base input. */
  public static byte[] head(Path file, int n) {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return (String.join("\n", lines.limit(n).toList()) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The mutant of one kind and seed; the same arguments always give the same bytes. */
  public static Mutant mutate(byte[] valid, Syntax syntax, Kind kind, long seed) {
    Random r = new Random(seed);
    return switch (kind) {
      case TRUNCATE -> {
        int at = valid.length == 0 ? 0 : r.nextInt(valid.length);
        yield new Mutant(kind, seed, "cut at byte " + at, Arrays.copyOf(valid, at));
      }
      case FLIP_BYTES -> {
        byte[] b = valid.clone();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n && b.length > 0; i++) {
          b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        }
        yield new Mutant(kind, seed, n + " byte(s) flipped", b);
      }
      case INSERT_BYTES -> {
        int at = r.nextInt(valid.length + 1);
        byte[] junk = randomBytes(r, 1 + r.nextInt(16));
        byte[] b = new byte[valid.length + junk.length];
        System.arraycopy(valid, 0, b, 0, at);
        System.arraycopy(junk, 0, b, at, junk.length);
        System.arraycopy(valid, at, b, at + junk.length, valid.length - at);
        yield new Mutant(kind, seed, junk.length + " byte(s) inserted at " + at, b);
      }
      case BINARY -> {
        byte[] b = randomBytes(r, r.nextInt(2048));
        yield new Mutant(kind, seed, "random bytes", b);
      }
      default -> structural(valid, syntax, kind, seed, r);
    };
  }

  private static Mutant structural(byte[] valid, Syntax syntax, Kind kind, long seed, Random r) {
    String text = new String(valid, StandardCharsets.UTF_8);
    List<int[]> docs = syntax.documents(text);
    if (docs.isEmpty()) {
      return mutate(valid, syntax, Kind.TRUNCATE, seed);
    }
    int[] span = docs.get(r.nextInt(docs.size()));
    String before = text.substring(0, span[0]);
    String doc = text.substring(span[0], span[1]);
    String after = text.substring(span[1]);
    if (kind == Kind.DUPLICATE_DOCUMENT) {
      String sep = syntax == Syntax.JSON_LINES ? "\n" : "";
      return bytes(
          kind, seed, "document at " + span[0] + " repeated", before + doc + sep + doc + after);
    }
    JsonNode root = syntax.parse(doc);
    List<Slot> slots = new ArrayList<>();
    collect(root, null, null, -1, "$", slots);
    if (kind == Kind.REMOVE_FIELD) {
      List<Slot> fields = slots.stream().filter(s -> s.field != null).toList();
      if (fields.isEmpty()) {
        return mutate(valid, syntax, Kind.RETYPE, seed);
      }
      Slot s = fields.get(r.nextInt(fields.size()));
      ((ObjectNode) s.parent).remove(s.field);
      return bytes(kind, seed, s.path + " removed", before + syntax.write(root) + after);
    }
    Slot s = slots.get(r.nextInt(slots.size()));
    JsonNode replacement;
    String splice = null;
    String what;
    switch (kind) {
      case RETYPE -> {
        replacement = otherType(s.node, r);
        what =
            "a "
                + replacement.getNodeType().toString().toLowerCase()
                + " "
                + Json.compact(replacement);
      }
      case HUGE_STRING -> {
        int n = (1 << 16) + r.nextInt(1 << 19);
        replacement = Json.NODES.textNode("x".repeat(n));
        what = "a string of " + n + " characters";
      }
      case HUGE_ARRAY -> {
        int n = 10_000 + r.nextInt(40_000);
        ArrayNode a = Json.array();
        JsonNode element =
            s.node.isContainerNode() ? Json.NODES.numberNode(r.nextInt(100)) : s.node;
        for (int i = 0; i < n; i++) {
          a.add(element);
        }
        replacement = a;
        what = "an array of " + n + " elements";
      }
      case HUGE_NUMBER -> {
        String[] numbers = {
          "1e999999999", "-1e-999999999", "9".repeat(900), "1" + "0".repeat(500) + ".5", "-0.0"
        };
        String n = numbers[r.nextInt(numbers.length)];
        replacement = Json.NODES.numberNode(new BigDecimal(n));
        what = "the number " + (n.length() > 20 ? n.substring(0, 20) + "…" : n);
      }
      case DEEP_NESTING -> {
        int[] depths = {64, 400, 990, 1100, 20_000};
        int depth = depths[r.nextInt(depths.length)];
        boolean arrays = r.nextBoolean();
        StringBuilder sb = new StringBuilder(depth * 6 + 8);
        for (int i = 0; i < depth; i++) {
          sb.append(arrays ? "[" : "{\"a\":");
        }
        sb.append('1');
        for (int i = 0; i < depth; i++) {
          sb.append(arrays ? ']' : '}');
        }
        // Written as text: Jackson's writer refuses to nest this deep itself.
        replacement = Json.NODES.textNode(PLACEHOLDER);
        splice = sb.toString();
        what = (arrays ? "arrays" : "objects") + " nested " + depth + " deep";
      }
      default -> throw new IllegalArgumentException(kind.toString());
    }
    JsonNode newRoot = s.replace(replacement);
    String written = syntax.write(newRoot == null ? root : newRoot);
    if (splice != null) {
      written = written.replaceFirst("\"?" + PLACEHOLDER + "\"?", splice);
    }
    return bytes(kind, seed, s.path + " replaced by " + what, before + written + after);
  }

  private static Mutant bytes(Kind kind, long seed, String detail, String text) {
    return new Mutant(kind, seed, detail, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A place in a document tree: the root, a field of an object, or an element of an array. */
  private record Slot(JsonNode node, JsonNode parent, String field, int index, String path) {
    /** Puts {@code value} here; returns the new root when this slot is the root. */
    JsonNode replace(JsonNode value) {
      if (parent == null) {
        return value;
      }
      if (field != null) {
        ((ObjectNode) parent).set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
      return null;
    }
  }

  private static void collect(
      JsonNode node, JsonNode parent, String field, int index, String path, List<Slot> out) {
    out.add(new Slot(node, parent, field, index, path));
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        collect(node.get(n), node, n, -1, path + "." + n, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), node, null, i, path + "[" + i + "]", out);
      }
    }
  }

  /** A value whose JSON type differs from {@code node}'s. */
  private static JsonNode otherType(JsonNode node, Random r) {
    List<JsonNode> candidates =
        List.of(
            Json.NODES.textNode("fuzz"),
            Json.NODES.textNode(""),
            Json.NODES.numberNode(42),
            Json.NODES.numberNode(new BigDecimal("-3.5")),
            Json.NODES.booleanNode(true),
            Json.NODES.nullNode(),
            Json.array(),
            Json.array().add(1).add("x"),
            Json.object(),
            Json.object().put("k", "v"));
    List<JsonNode> other =
        candidates.stream().filter(c -> c.getNodeType() != node.getNodeType()).toList();
    return other.get(r.nextInt(other.size())).deepCopy();
  }

  private static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static String pretty(JsonNode node) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

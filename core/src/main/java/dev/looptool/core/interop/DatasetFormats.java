package dev.looptool.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.FormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The dataset formats on the classpath, by name, and detection of a file's format. */
public final class DatasetFormats {
  private static final Map<String, DatasetFormat> BY_NAME = load();

  private DatasetFormats() {}

  private static Map<String, DatasetFormat> load() {
    Map<String, DatasetFormat> m = new TreeMap<>();
    for (DatasetFormat f : ServiceLoader.load(DatasetFormat.class)) {
      DatasetFormat previous = m.put(f.name(), f);
      if (previous != null) {
        throw new IllegalStateException(
            "two dataset formats are named '"
                + f.name()
                + "': "
                + previous.getClass().getName()
                + " and "
                + f.getClass().getName());
      }
    }
    return Map.copyOf(m);
  }

  /** Every format, sorted by name. */
  public static List<DatasetFormat> all() {
    return new ArrayList<>(new TreeMap<>(BY_NAME).values());
  }

  /** The names, sorted and comma-separated, for messages and help. */
  public static String names() {
    return all().stream().map(DatasetFormat::name).collect(Collectors.joining(", "));
  }

  /** The named format; an error that lists the known names when there is none. */
  public static DatasetFormat byName(String name) {
    DatasetFormat f = BY_NAME.get(name);
    if (f == null) {
      throw new IllegalArgumentException(
          "unknown dataset format '" + name + "' (known: " + names() + ")");
    }
    return f;
  }

  /** Whether a format of that name is on the classpath. */
  public static boolean exists(String name) {
    return BY_NAME.containsKey(name);
  }

  /**
   * The one format that recognizes {@code first} (a file's first record).
   *
   * @throws FormatException when none or several do, naming them and asking for {@code --format}
   */
  public static DatasetFormat detect(JsonNode first) throws FormatException {
    List<DatasetFormat> matches = new ArrayList<>();
    for (DatasetFormat f : all()) {
      if (f.recognizes(first)) {
        matches.add(f);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    String keys =
        first != null && first.isObject()
            ? String.join(", ", (Iterable<String>) first::fieldNames)
            : first == null ? "nothing" : first.getNodeType().toString().toLowerCase();
    if (matches.isEmpty()) {
      throw new FormatException(
          "$",
          "no known dataset format has records with the keys ["
              + keys
              + "]; name one with --format (known: "
              + names()
              + ")");
    }
    throw new FormatException(
        "$",
        "the first record fits several formats ("
            + matches.stream().map(DatasetFormat::name).collect(Collectors.joining(", "))
            + "); name one with --format");
  }
}

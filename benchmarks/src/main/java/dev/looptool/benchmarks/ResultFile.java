package dev.looptool.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One benchmark result file of one category, as BFCL and ACEBench score them: JSON Lines {@code
 * {"id", …}}, each naming an entry of the category, each entry exactly once.
 */
public final class ResultFile {
  private ResultFile() {}

  /** Judges the answer one line gives for its entry. */
  @FunctionalInterface
  public interface Judge<E> {
    /** Whether the answer is correct; throws {@link Problem} for a field it cannot judge. */
    boolean correct(E entry, JsonNode line) throws Problem;
  }

  /** A line whose answer cannot be judged, and the field that is wrong. */
  public static final class Problem extends Exception {
    private final String field;

    public Problem(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  /**
   * The number of lines of {@code file} that {@code judge} finds correct. Problems go to {@code
   * errors} with their file, line and field: an id that is missing or that {@code entryOf} does not
   * map to one of {@code entries} (the entries of {@code category}), an id seen twice, and, when
   * the lines are otherwise fine, a file that does not cover all of {@code entries}.
   */
  public static <E> int countCorrect(
      Path file,
      List<LineError> errors,
      String category,
      List<E> entries,
      Function<String, E> entryOf,
      Judge<E> judge) {
    Set<E> inCategory = Collections.newSetFromMap(new IdentityHashMap<>());
    inCategory.addAll(entries);
    int total = entries.size();
    Set<String> seen = new HashSet<>();
    int[] correct = {0};
    JsonlReader.forEach(
        file,
        errors,
        (line, node) -> {
          String id = node.path("id").asText(null);
          E e = id == null ? null : entryOf.apply(id);
          if (e == null || !inCategory.contains(e)) {
            errors.add(
                new LineError(
                    file.toString(),
                    line,
                    "id",
                    id == null ? "missing" : "'" + id + "' is not an entry of " + category));
          } else if (!seen.add(id)) {
            errors.add(new LineError(file.toString(), line, "id", "'" + id + "' appears twice"));
          } else {
            try {
              correct[0] += judge.correct(e, node) ? 1 : 0;
            } catch (Problem p) {
              errors.add(new LineError(file.toString(), line, p.field, p.getMessage()));
            }
          }
        });
    if (seen.size() != total && errors.isEmpty()) {
      errors.add(
          new LineError(
              file.toString(),
              0,
              "(file)",
              "covers " + seen.size() + " of the " + total + " entries of " + category));
    }
    return correct[0];
  }
}

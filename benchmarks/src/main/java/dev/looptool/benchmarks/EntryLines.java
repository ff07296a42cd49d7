package dev.looptool.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The data files of BFCL and ACEBench: JSON Lines whose every record names its entry by {@code
 * "id"}, the questions of a category in one file and their ground truth in a file of the same name
 * under {@code possible_answer}. Problems go to one list, each with its file, line and field, so
 * that a load reports all of them at once.
 */
public final class EntryLines {
  private EntryLines() {}

  /** One record that has an id, and the list its problems go to. */
  public record Line(Path file, long number, String id, JsonNode node, List<LineError> errors) {
    /** Records a problem with this line's {@code field}. */
    public void reject(String field, String message) {
      errors.add(new LineError(file.toString(), number, field, message));
    }

    /**
     * The possible answer of this line's entry; null, and a problem of field {@code id}, when
     * {@code answers} has none.
     */
    public <T> T answerIn(Map<String, T> answers) {
      T answer = answers.get(id);
      if (answer == null) {
        reject("id", "no possible answer for " + id);
      }
      return answer;
    }
  }

  /**
   * Hands each parsed line of {@code file} that has an id to {@code handler}; a line without one is
   * a problem of field {@code id}, malformed lines are problems of field {@code (line)}.
   */
  public static void forEach(Path file, List<LineError> errors, Consumer<Line> handler) {
    JsonlReader.forEach(
        file,
        errors,
        (number, node) -> {
          String id = node.path("id").asText(null);
          if (id == null) {
            errors.add(new LineError(file.toString(), number, "id", "missing"));
          } else {
            handler.accept(new Line(file, number, id, node, errors));
          }
        });
  }

  /**
   * The ground truth of each entry of a possible-answer file, as {@code groundTruth} reads a line's
   * {@code ground_truth} field (possibly null); where it gives null the line is a problem of field
   * {@code ground_truth} with message {@code mustBe}.
   */
  public static Map<String, List<JsonNode>> answers(
      Path file,
      List<LineError> errors,
      Function<JsonNode, List<JsonNode>> groundTruth,
      String mustBe) {
    Map<String, List<JsonNode>> out = new HashMap<>();
    forEach(
        file,
        errors,
        line -> {
          List<JsonNode> gt = groundTruth.apply(line.node().get("ground_truth"));
          if (gt == null) {
            line.reject("ground_truth", mustBe);
          } else {
            out.put(line.id(), gt);
          }
        });
    return out;
  }

  /** The elements of a JSON array, in order. */
  public static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> out = new ArrayList<>(array.size());
    array.forEach(out::add);
    return out;
  }
}

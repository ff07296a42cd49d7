package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The possible answers of one BFCL question file: {@code possible_answer/<same name>} beside it,
 * {@code {"id", "ground_truth": [...]}} per line, held by id. Irrelevance files have none, so a
 * missing answers file is not an error until a record needs an answer.
 */
final class BfclFormatAnswers {
  /** No answers file was looked for (a record read without its file). */
  static final BfclFormatAnswers NONE = new BfclFormatAnswers(null, false, Map.of());

  private final Path file;
  private final boolean exists;
  private final Map<String, JsonNode> byId;

  private BfclFormatAnswers(Path file, boolean exists, Map<String, JsonNode> byId) {
    this.file = file;
    this.exists = exists;
    this.byId = byId;
  }

  /**
   * Loads the answers beside {@code questions}.
   *
   * @throws BadDataException listing the answers file's bad lines: a broken answers file is fixed,
   *     not partly imported
   */
  static BfclFormatAnswers beside(Path questions) {
    Path file =
        questions.resolveSibling("possible_answer").resolve(questions.getFileName().toString());
    if (!Files.isRegularFile(file)) {
      return new BfclFormatAnswers(file, false, Map.of());
    }
    String name = file.toString();
    Map<String, JsonNode> byId = new HashMap<>();
    List<LineError> errors = new ArrayList<>();
    JsonlReader.forEach(
        file,
        errors,
        (line, node) -> {
          JsonNode id = node.get("id");
          JsonNode gt = node.get("ground_truth");
          if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
            errors.add(
                new LineError(name, line, "id", "required: the id of the question answered"));
          } else if (gt == null || !gt.isArray()) {
            errors.add(
                new LineError(
                    name,
                    line,
                    "ground_truth",
                    "required: a list of {function: {parameter: [acceptable values]}}"));
          } else if (byId.putIfAbsent(id.textValue(), gt) != null) {
            errors.add(
                new LineError(
                    name,
                    line,
                    "id",
                    "'" + id.textValue() + "' is answered on an earlier line too"));
          }
        });
    if (!errors.isEmpty()) {
      throw new BadDataException(errors);
    }
    return new BfclFormatAnswers(file, true, byId);
  }

  /** The ground truth of {@code id}, or null. */
  JsonNode of(String id) {
    return byId.get(id);
  }

  /** Where the answers are (or would be), for messages. */
  String where() {
    if (file == null) {
      return "no answers file: the record was read without its question file";
    }
    return exists ? "in " + file : file + " does not exist";
  }
}

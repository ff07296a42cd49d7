package dev.looptool.benchmarks.acebench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ACEBench English normal data of a directory laid out like {@code
 * shared/data/acebench/data_en}.
 */
public final class AcebenchDataset {
  private final Map<AcebenchCategory, List<AcebenchEntry>> byCategory;
  private final Map<String, AcebenchEntry> byId = new HashMap<>();

  private AcebenchDataset(Map<AcebenchCategory, List<AcebenchEntry>> byCategory) {
    this.byCategory = byCategory;
    byCategory.values().forEach(l -> l.forEach(e -> byId.put(e.id(), e)));
  }

  /**
   * Loads every normal category present in {@code dir} (the {@code data_en} folder or its parent).
   */
  public static AcebenchDataset load(Path dir) {
    Path en = Files.isDirectory(dir.resolve("data_en")) ? dir.resolve("data_en") : dir;
    if (!Files.isDirectory(en.resolve("possible_answer"))) {
      throw new IllegalArgumentException(
          "ACEBench data directory " + dir + " has no possible_answer folder");
    }
    Map<AcebenchCategory, List<AcebenchEntry>> out = new EnumMap<>(AcebenchCategory.class);
    List<LineError> errors = new ArrayList<>();
    for (AcebenchCategory c : AcebenchCategory.values()) {
      Path questions = en.resolve(c.fileName());
      if (!Files.exists(questions)) {
        continue;
      }
      Path answerFile = en.resolve("possible_answer").resolve(c.fileName());
      Map<String, List<JsonNode>> answers = new HashMap<>();
      JsonlReader.forEach(
          answerFile,
          errors,
          (line, node) -> {
            String id = node.path("id").asText(null);
            JsonNode gt = node.get("ground_truth");
            List<JsonNode> alts = new ArrayList<>();
            if (gt != null && gt.isObject()) {
              alts.add(gt);
            } else if (gt != null && gt.isArray() && gt.size() > 0) {
              gt.forEach(alts::add);
            }
            if (id == null || alts.isEmpty() || !alts.stream().allMatch(JsonNode::isObject)) {
              errors.add(
                  new LineError(
                      answerFile.toString(),
                      line,
                      id == null ? "id" : "ground_truth",
                      id == null
                          ? "missing"
                          : "must be {function: {param: value}} or a list of them"));
              return;
            }
            answers.put(id, alts);
          });
      List<AcebenchEntry> entries = new ArrayList<>();
      JsonlReader.forEach(
          questions,
          errors,
          (line, node) -> {
            String id = node.path("id").asText(null);
            JsonNode fns = node.get("function");
            if (id == null || fns == null || !fns.isArray()) {
              errors.add(
                  new LineError(
                      questions.toString(), line, id == null ? "id" : "function", "missing"));
              return;
            }
            List<JsonNode> alts = answers.get(id);
            if (alts == null) {
              errors.add(
                  new LineError(questions.toString(), line, "id", "no possible answer for " + id));
              return;
            }
            List<JsonNode> functions = new ArrayList<>();
            fns.forEach(functions::add);
            entries.add(new AcebenchEntry(id, c, functions, alts));
          });
      out.put(c, entries);
    }
    if (!errors.isEmpty()) {
      throw new BadDataException(errors);
    }
    return new AcebenchDataset(out);
  }

  public AcebenchEntry entry(String id) {
    return byId.get(id);
  }

  public List<AcebenchEntry> entries(AcebenchCategory c) {
    return byCategory.getOrDefault(c, List.of());
  }

  public List<AcebenchEntry> all() {
    List<AcebenchEntry> out = new ArrayList<>();
    byCategory.values().forEach(out::addAll);
    return out;
  }
}

package dev.looptool.benchmarks.acebench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.benchmarks.EntryLines;
import dev.looptool.core.io.BadDataException;
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
      Map<String, List<JsonNode>> answers =
          EntryLines.answers(
              en.resolve("possible_answer").resolve(c.fileName()),
              errors,
              AcebenchDataset::alternatives,
              "must be {function: {param: value}} or a list of them");
      List<AcebenchEntry> entries = new ArrayList<>();
      EntryLines.forEach(
          questions,
          errors,
          line -> {
            JsonNode fns = line.node().get("function");
            if (fns == null || !fns.isArray()) {
              line.reject("function", "missing");
              return;
            }
            List<JsonNode> alts = line.answerIn(answers);
            if (alts != null) {
              entries.add(new AcebenchEntry(line.id(), c, EntryLines.elements(fns), alts));
            }
          });
      out.put(c, entries);
    }
    if (!errors.isEmpty()) {
      throw new BadDataException(errors);
    }
    return new AcebenchDataset(out);
  }

  /** A ground truth's alternatives: one call object or a non-empty list of them, else null. */
  private static List<JsonNode> alternatives(JsonNode gt) {
    List<JsonNode> alts =
        gt != null && gt.isObject()
            ? List.of(gt)
            : gt != null && gt.isArray() ? EntryLines.elements(gt) : List.of();
    return alts.isEmpty() || !alts.stream().allMatch(JsonNode::isObject) ? null : alts;
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

package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BFCL-v3 question and possible-answer files of a data directory (the layout of {@code
 * shared/data/bfcl-v3}), indexed by entry id.
 */
public final class BfclDataset {
  private final Path dir;
  private final Map<BfclCategory, List<BfclEntry>> byCategory;
  private final Map<String, BfclEntry> byId;

  private BfclDataset(Path dir, Map<BfclCategory, List<BfclEntry>> byCategory) {
    this.dir = dir;
    this.byCategory = byCategory;
    this.byId = new HashMap<>();
    byCategory.values().forEach(list -> list.forEach(e -> byId.put(e.id(), e)));
  }

  /** Loads every category whose question file exists in {@code dir}. */
  public static BfclDataset load(Path dir) {
    return load(dir, List.of(BfclCategory.values()));
  }

  /** Loads the given categories; a missing question or answer file is an error. */
  public static BfclDataset load(Path dir, Collection<BfclCategory> categories) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("BFCL data directory " + dir + " does not exist");
    }
    Map<BfclCategory, List<BfclEntry>> out = new EnumMap<>(BfclCategory.class);
    List<LineError> errors = new ArrayList<>();
    for (BfclCategory c : categories) {
      Path questions = dir.resolve(c.fileName());
      if (!Files.exists(questions)) {
        continue;
      }
      Map<String, List<JsonNode>> answers = new HashMap<>();
      if (c.isAst()) {
        Path answerFile = dir.resolve("possible_answer").resolve(c.fileName());
        if (!Files.exists(answerFile)) {
          throw new IllegalArgumentException(
              "missing answer file " + answerFile + " for category " + c.id());
        }
        JsonlReader.forEach(
            answerFile,
            errors,
            (line, node) -> {
              String id = node.path("id").asText(null);
              JsonNode gt = node.get("ground_truth");
              if (id == null) {
                errors.add(new LineError(answerFile.toString(), line, "id", "missing"));
              } else if (gt == null || !gt.isArray()) {
                errors.add(
                    new LineError(
                        answerFile.toString(),
                        line,
                        "ground_truth",
                        "must be a list of {function: {param: [values]}}"));
              } else {
                List<JsonNode> calls = new ArrayList<>();
                gt.forEach(calls::add);
                answers.put(id, calls);
              }
            });
      }
      List<BfclEntry> entries = new ArrayList<>();
      JsonlReader.forEach(
          questions,
          errors,
          (line, node) -> {
            String id = node.path("id").asText(null);
            if (id == null) {
              errors.add(new LineError(questions.toString(), line, "id", "missing"));
              return;
            }
            List<JsonNode> functions = new ArrayList<>();
            JsonNode fns = node.get("function");
            if (fns != null && fns.isArray()) {
              fns.forEach(functions::add);
            } else if (c.checker() != BfclCategory.Checker.MULTI_TURN) {
              errors.add(
                  new LineError(
                      questions.toString(), line, "function", "must be a list of function docs"));
              return;
            }
            List<JsonNode> gt = null;
            if (c.isAst()) {
              gt = answers.get(id);
              if (gt == null) {
                errors.add(
                    new LineError(
                        questions.toString(), line, "id", "no possible answer for " + id));
                return;
              }
            }
            entries.add(new BfclEntry(id, c, functions, gt));
          });
      out.put(c, entries);
    }
    if (!errors.isEmpty()) {
      throw new BadDataException(errors);
    }
    return new BfclDataset(dir, out);
  }

  public Path dir() {
    return dir;
  }

  public BfclEntry entry(String id) {
    return byId.get(id);
  }

  /** The entries of a category in file order (empty if its file was not loaded). */
  public List<BfclEntry> entries(BfclCategory c) {
    return byCategory.getOrDefault(c, List.of());
  }

  /** The loaded categories in declaration order, with their entry counts. */
  public Map<BfclCategory, Integer> counts() {
    Map<BfclCategory, Integer> m = new LinkedHashMap<>();
    byCategory.forEach((c, l) -> m.put(c, l.size()));
    return m;
  }

  public List<BfclEntry> astEntries() {
    List<BfclEntry> out = new ArrayList<>();
    byCategory.forEach(
        (c, l) -> {
          if (c.isAst()) {
            out.addAll(l);
          }
        });
    return out;
  }
}

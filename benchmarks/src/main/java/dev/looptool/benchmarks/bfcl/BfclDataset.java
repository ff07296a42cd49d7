package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.benchmarks.EntryLines;
import dev.looptool.core.io.BadDataException;
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
      Map<String, List<JsonNode>> answers = c.isAst() ? answers(dir, c, errors) : Map.of();
      List<BfclEntry> entries = new ArrayList<>();
      EntryLines.forEach(
          questions,
          errors,
          line -> {
            JsonNode fns = line.node().get("function");
            List<JsonNode> functions;
            if (fns != null && fns.isArray()) {
              functions = EntryLines.elements(fns);
            } else if (c.checker() == BfclCategory.Checker.MULTI_TURN) {
              functions = List.of();
            } else {
              line.reject("function", "must be a list of function docs");
              return;
            }
            List<JsonNode> gt = null;
            if (c.isAst()) {
              gt = line.answerIn(answers);
              if (gt == null) {
                return;
              }
            }
            entries.add(new BfclEntry(line.id(), c, functions, gt));
          });
      out.put(c, entries);
    }
    if (!errors.isEmpty()) {
      throw new BadDataException(errors);
    }
    return new BfclDataset(dir, out);
  }

  /** The ground truth of an AST category, by entry id; its answer file must exist. */
  private static Map<String, List<JsonNode>> answers(
      Path dir, BfclCategory c, List<LineError> errors) {
    Path answerFile = dir.resolve("possible_answer").resolve(c.fileName());
    if (!Files.exists(answerFile)) {
      throw new IllegalArgumentException(
          "missing answer file " + answerFile + " for category " + c.id());
    }
    return EntryLines.answers(
        answerFile,
        errors,
        gt -> gt != null && gt.isArray() ? EntryLines.elements(gt) : null,
        "must be a list of {function: {param: [values]}}");
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

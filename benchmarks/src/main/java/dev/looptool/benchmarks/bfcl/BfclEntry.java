package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One BFCL-v3 test entry: its function docs and, for AST categories, its ground truth (a list of
 * {@code {function_name: {param: [acceptable values...]}}}); irrelevance, relevance and multi-turn
 * entries have no AST ground truth (null). Treat the JSON as immutable: the checker keeps a
 * prepared form of each answer.
 */
public final class BfclEntry {
  private final String id;
  private final BfclCategory category;
  private final List<JsonNode> functions;
  private final List<JsonNode> groundTruth;
  private volatile PreparedAnswer[] prepared;

  public BfclEntry(
      String id, BfclCategory category, List<JsonNode> functions, List<JsonNode> groundTruth) {
    this.id = id;
    this.category = category;
    this.functions = List.copyOf(functions);
    this.groundTruth = groundTruth == null ? null : List.copyOf(groundTruth);
  }

  public String id() {
    return id;
  }

  public BfclCategory category() {
    return category;
  }

  public List<JsonNode> functions() {
    return functions;
  }

  public List<JsonNode> groundTruth() {
    return groundTruth;
  }

  /** Each answer call with its function doc, prepared once (lookups, standardised options). */
  PreparedAnswer[] prepared() {
    PreparedAnswer[] p = prepared;
    if (p == null) {
      p = new PreparedAnswer[groundTruth.size()];
      for (int i = 0; i < p.length; i++) {
        JsonNode answer = groundTruth.get(i);
        JsonNode doc =
            category.checker() == BfclCategory.Checker.SIMPLE
                ? functions.get(0)
                : findDoc(answerName(answer));
        p[i] = new PreparedAnswer(doc, answer, category.language());
      }
      prepared = p;
    }
    return p;
  }

  static String answerName(JsonNode answer) {
    var names = answer.fieldNames();
    return names.hasNext() ? names.next() : "";
  }

  private JsonNode findDoc(String name) {
    for (JsonNode d : functions) {
      if (name.equals(d.path("name").asText())) {
        return d;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return id;
  }
}

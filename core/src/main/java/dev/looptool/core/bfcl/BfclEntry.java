package dev.looptool.core.bfcl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One BFCL-v3 test entry: its function docs and, for AST categories, its ground truth (a list of
 * {@code {function_name: {param: [acceptable values...]}}}); irrelevance, relevance and multi-turn
 * entries have no AST ground truth (null).
 */
public record BfclEntry(String id, BfclCategory category, List<JsonNode> functions, List<JsonNode> groundTruth) {
  public BfclEntry {
    functions = List.copyOf(functions);
    groundTruth = groundTruth == null ? null : List.copyOf(groundTruth);
  }
}

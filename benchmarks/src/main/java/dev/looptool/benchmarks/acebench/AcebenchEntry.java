package dev.looptool.benchmarks.acebench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One ACEBench entry: its function docs and its ground truth alternatives, each a {@code
 * {function_name: {param: value}}} object (repeated calls keyed {@code name_1}, {@code name_2}).
 */
public record AcebenchEntry(
    String id, AcebenchCategory category, List<JsonNode> functions, List<JsonNode> alternatives) {
  public AcebenchEntry {
    functions = List.copyOf(functions);
    alternatives = List.copyOf(alternatives);
  }
}

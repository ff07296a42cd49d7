package dev.looptool.benchmarks.bfcl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A model output for an entry with the verdict the official checker must give it: an answer
 * rendered as calls (expected valid) or a perturbation of one (expected invalid with {@code
 * expectedErrorType}).
 */
public record BfclCase(
    BfclEntry entry,
    JsonNode calls,
    boolean underscoreToDot,
    String expectedErrorType,
    String description) {
  public boolean expectValid() {
    return expectedErrorType == null;
  }
}

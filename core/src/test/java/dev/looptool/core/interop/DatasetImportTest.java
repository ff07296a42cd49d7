package dev.looptool.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looptool.core.io.LineError;
import org.junit.jupiter.api.Test;

/** How the import summary groups its rejects. */
class DatasetImportTest {
  @Test
  void aKindDropsIndicesQuotedValuesAndNumbersButKeepsProse() {
    assertEquals(
        "tools[].parameters.required: '…' is required but not declared",
        DatasetImport.kind(
            new LineError(
                "f", 3, "tools[2].parameters.required", "'7' is required but not declared")));
    assertEquals(
        "ground_truth[].x: lists no value, so no call passes BFCL's checker (answer of '…')",
        DatasetImport.kind(
            new LineError(
                "f",
                9,
                "ground_truth[0].x",
                "lists no value, so no call passes BFCL's checker (answer of 'live_simple_1-2-0')")));
  }
}

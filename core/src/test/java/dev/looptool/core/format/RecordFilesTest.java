package dev.looptool.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.io.LineError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFilesTest {
  @Test
  void anArrayRecordNestedTooDeepIsReportedOnItsLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("records.json");
    Files.writeString(
        file, "[\n{\"a\": 1},\n{\"b\": " + "[".repeat(1100) + "]".repeat(1100) + "}\n]\n");
    List<Long> records = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    RecordFiles.forEach(file, (index, line, record) -> records.add(line), errors::add);
    assertEquals(List.of(2L), records);
    assertEquals(1, errors.size());
    assertEquals(3, errors.get(0).line(), errors.get(0).toString());
    assertTrue(errors.get(0).message().contains("nesting depth"), errors.get(0).toString());
  }
}

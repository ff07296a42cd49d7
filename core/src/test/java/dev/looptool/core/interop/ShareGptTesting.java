package dev.looptool.core.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link DatasetImport} on hand-written JSON Lines for the format tests. */
final class ShareGptTesting {
  private ShareGptTesting() {}

  /** What an import printed and wrote. */
  record Result(DatasetImport.Summary summary, List<String> errors, List<JsonNode> samples) {}

  static Result importLines(Path dir, DatasetFormat format, String... lines) throws IOException {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream rejects = new ByteArrayOutputStream();
    List<String> errors = new ArrayList<>();
    DatasetImport.Summary summary =
        DatasetImport.run(file, format, "t", out, rejects, e -> errors.add(e.toString()));
    List<JsonNode> samples = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        samples.add(Json.parse(line));
      }
    }
    return new Result(summary, errors, samples);
  }
}

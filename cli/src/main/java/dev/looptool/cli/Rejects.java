package dev.looptool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.io.JsonlWriter;
import dev.looptool.core.io.LineError;
import dev.looptool.core.json.Json;
import dev.looptool.core.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the records a conversion could not use and writes them, with the reason, next to its
 * output ({@code OUT.rejects.jsonl}), so that nothing is silently dropped.
 */
final class Rejects {
  private final List<ObjectNode> rejected = new ArrayList<>();

  void add(LineError error, JsonNode record) {
    ObjectNode o = Json.object();
    o.put("file", error.file());
    o.put("line", error.line());
    o.put("field", error.field());
    o.put("reason", error.message());
    if (record != null) {
      o.set("record", record);
    }
    rejected.add(o);
  }

  int size() {
    return rejected.size();
  }

  static Path pathFor(Path out) {
    return out.resolveSibling(out.getFileName() + ".rejects.jsonl");
  }

  /**
   * Writes the rejects file when there are rejects, and removes a stale one when there are none.
   */
  Path write(Path out) throws IOException {
    Path p = pathFor(out);
    if (rejected.isEmpty()) {
      Files.deleteIfExists(p);
      return null;
    }
    AtomicFiles.write(
        p,
        os -> {
          try (JsonlWriter w = new JsonlWriter(os)) {
            for (ObjectNode o : rejected) {
              w.write(o);
            }
          }
        });
    return p;
  }
}

package dev.looptool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a conversion writes the records it could not use, with the reason: {@code
 * OUT.rejects.jsonl} next to its output, so that nothing is silently dropped.
 */
final class Rejects {
  private Rejects() {}

  static Path pathFor(Path out) {
    return out.resolveSibling(out.getFileName() + ".rejects.jsonl");
  }

  /** Removes the rejects file of a conversion that rejected nothing, stale or just written. */
  static void removeIfEmpty(Path rejects, long count) throws IOException {
    if (count == 0) {
      Files.deleteIfExists(rejects);
    }
  }
}

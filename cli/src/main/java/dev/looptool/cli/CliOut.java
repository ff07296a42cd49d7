package dev.looptool.cli;

import dev.looptool.core.io.JsonlWriter;
import dev.looptool.core.json.Json;
import dev.looptool.core.store.LocalArtifactStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A JSON Lines output file written atomically: lines go to a temporary sibling that replaces the
 * target only on {@link #commit()}, so an interrupted run never leaves a partial file behind.
 * Thread-safe: results arrive from many request threads.
 */
final class CliOut implements AutoCloseable {
  private final Path target;
  private final Path tmp;
  private final JsonlWriter writer;
  private boolean committed;

  CliOut(Path target) throws IOException {
    this.target = target.toAbsolutePath();
    Files.createDirectories(this.target.getParent());
    this.tmp = this.target.resolveSibling(this.target.getFileName() + ".tmp-" + UUID.randomUUID());
    OutputStream out = Files.newOutputStream(tmp);
    this.writer = new JsonlWriter(out);
  }

  synchronized void write(com.fasterxml.jackson.databind.JsonNode node) throws IOException {
    writer.write(node);
  }

  synchronized void write(dev.looptool.core.model.Sample s) throws IOException {
    writer.write(s);
  }

  synchronized long count() {
    return writer.count();
  }

  synchronized void commit() throws IOException {
    writer.close();
    LocalArtifactStore.moveAtomically(tmp, target);
    committed = true;
  }

  @Override
  public synchronized void close() throws IOException {
    if (!committed) {
      writer.close();
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes {@code value} as pretty-printed JSON to {@code file}, atomically. */
  static void writeJson(Path file, Object value) throws IOException {
    String text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    writeAtomically(file, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes a CLI output file atomically, through the artifact store, so a reader never sees half a
   * file.
   */
  static void writeAtomically(Path file, dev.looptool.core.store.ArtifactStore.Body body)
      throws IOException {
    Path abs = file.toAbsolutePath();
    new dev.looptool.core.store.LocalArtifactStore(abs.getParent())
        .write(abs.getFileName().toString(), body);
  }
}

package dev.looptool.workers.cli;

import dev.looptool.core.store.ArtifactStore;
import dev.looptool.core.store.LocalArtifactStore;
import java.io.IOException;
import java.nio.file.Path;

/** Atomic file writes for CLI outputs, through the artifact store so a reader never sees half a file. */
final class CliFiles {
  private CliFiles() {}

  static void writeAtomically(Path file, ArtifactStore.Body body) throws IOException {
    Path abs = file.toAbsolutePath();
    new LocalArtifactStore(abs.getParent()).write(abs.getFileName().toString(), body);
  }
}

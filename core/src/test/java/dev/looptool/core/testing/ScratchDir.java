package dev.looptool.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A temporary directory for one property's tries, removed with everything in it on {@link
 * #close()}. jqwik has no {@code @TempDir}; a property class that implements {@link AutoCloseable}
 * is closed after each property, so it closes its scratch directory there.
 */
public final class ScratchDir implements AutoCloseable {
  private final Path path;

  public ScratchDir() {
    try {
      path = Files.createTempDirectory("looptool-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path path() {
    return path;
  }

  public Path resolve(String name) {
    return path.resolve(name);
  }

  /** The subdirectory {@code name}, emptied: what an earlier try left there is gone. */
  public Path fresh(String name) {
    Path dir = path.resolve(name);
    deleteTree(dir);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    deleteTree(path);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

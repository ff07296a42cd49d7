package dev.looptool.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A temporary directory removed with everything in it on {@link #close()}. A fuzz test holds one in
 * an {@code @AutoClose} field, so each case gets its own and it is gone after the case; a
 * {@code @MethodSource} factory, which runs before any test instance and so has no
 * {@code @TempDir}, opens one in a try-with-resources. {@link #fresh} gives a case several clean
 * subdirectories.
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

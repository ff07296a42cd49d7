package dev.looptool.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** An artifact store on a local (or mounted shared) filesystem, rooted at one directory. */
public final class LocalArtifactStore implements ArtifactStore {
  /** Temporary files carry this marker; listings skip them and {@link #write} renames them away. */
  static final String TMP_MARKER = AtomicFiles.TMP_MARKER;

  private final Path root;

  public LocalArtifactStore(Path root) {
    try {
      this.root = Files.createDirectories(root).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create artifact store at " + root, e);
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public URI uri(String key) {
    return path(key).toUri();
  }

  @Override
  public String key(URI uri) {
    Path p = Path.of(uri).toAbsolutePath().normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException(uri + " is not inside the artifact store " + root);
    }
    return root.relativize(p).toString().replace('\\', '/');
  }

  @Override
  public Path path(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("artifact key escapes the store: " + key);
    }
    return p;
  }

  @Override
  public boolean exists(String key) {
    return Files.exists(path(key));
  }

  /**
   * Writes the file atomically, then removes what earlier attempts at the same key left: a writer
   * killed between creating its temporary file and the rename leaves {@code KEY.tmp-*} behind, and
   * the retry that commits the key is the one to clear it.
   */
  @Override
  public String write(String key, Body body) throws IOException {
    String sha = AtomicFiles.write(path(key), body);
    removeTemporaries(key + TMP_MARKER);
    return sha;
  }

  /** Renames a finished file or directory into place; the rename is the commit point. */
  public static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the artifact store's filesystem cannot rename atomically: " + to, e);
    }
  }

  /**
   * Writes a directory artifact (a checkpoint) atomically: {@code fill} populates a temporary
   * sibling directory that then replaces the target in one rename.
   */
  public void writeDirectory(String key, DirectoryBody fill) throws IOException {
    Path target = path(key);
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling(target.getFileName() + TMP_MARKER + UUID.randomUUID());
    Files.createDirectories(tmp);
    try {
      fill.writeTo(tmp);
      if (Files.exists(target)) {
        Path old =
            target.resolveSibling(target.getFileName() + TMP_MARKER + "old-" + UUID.randomUUID());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        moveAtomically(tmp, target);
        deleteTree(old);
      } else {
        moveAtomically(tmp, target);
      }
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
  }

  /** Fills a temporary directory. */
  @FunctionalInterface
  public interface DirectoryBody {
    void writeTo(Path dir) throws IOException;
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(path(key));
  }

  @Override
  public String sha256(String key) throws IOException {
    return Sha256.ofFile(path(key));
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    Path dir = path(prefix);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> !n.contains(TMP_MARKER))
          .sorted()
          .forEach(n -> out.add(prefix.isEmpty() ? n : prefix.replaceAll("/+$", "") + "/" + n));
    }
    return out;
  }

  @Override
  public void delete(String key) throws IOException {
    Path p = path(key);
    if (Files.isDirectory(p)) {
      deleteTree(p);
    } else {
      Files.deleteIfExists(p);
    }
  }

  @Override
  public void removeTemporaries(String keyPrefix) throws IOException {
    Path p = path(keyPrefix);
    Path dir = p.getParent();
    String prefix = p.getFileName().toString();
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    List<Path> stale = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(
              x -> {
                String n = x.getFileName().toString();
                return n.startsWith(prefix) && n.contains(TMP_MARKER);
              })
          .forEach(stale::add);
    }
    for (Path x : stale) {
      if (Files.isDirectory(x)) {
        deleteTree(x);
      } else {
        Files.deleteIfExists(x);
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
            try {
              Files.delete(d);
            } catch (NoSuchFileException ignored) {
              // already gone
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}

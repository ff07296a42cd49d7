package dev.looptool.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where runs keep their data. Artifacts are addressed by keys (relative paths such as {@code
 * runs/r1/iter-01/train.jsonl}) and exposed as URIs; every write is atomic: a reader sees the old
 * artifact or the complete new one, never a partial file.
 */
public interface ArtifactStore {

  /** Writes the body of an artifact to a stream. */
  @FunctionalInterface
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** The URI of a key (whether or not it exists yet). */
  URI uri(String key);

  /** The key a URI of this store stands for. */
  String key(URI uri);

  /**
   * A local path for tools that need one (a checkpoint directory, a file for an external trainer).
   */
  Path path(String key);

  boolean exists(String key);

  /**
   * Writes an artifact atomically: the body goes to a temporary file that is renamed to the key
   * only once complete. Returns the artifact's sha256.
   */
  String write(String key, Body body) throws IOException;

  /**
   * Writes the artifact unless it already exists (a finished shard is never rewritten, so a retried
   * writer skips it). Returns true when it wrote.
   */
  default boolean writeIfAbsent(String key, Body body) throws IOException {
    if (exists(key)) {
      return false;
    }
    write(key, body);
    return true;
  }

  InputStream open(String key) throws IOException;

  /** The sha256 of an artifact's bytes, in lowercase hex. */
  String sha256(String key) throws IOException;

  /** Keys directly under a prefix (one level, sorted), temporary files excluded. */
  List<String> list(String prefix) throws IOException;

  void delete(String key) throws IOException;

  /**
   * Removes what interrupted writes left behind: temporary files and directories whose names start
   * with the last segment of {@code keyPrefix}, next to it. A retried writer calls this first, so a
   * worker killed mid-write leaves no trace once its work is redone.
   */
  void removeTemporaries(String keyPrefix) throws IOException;
}

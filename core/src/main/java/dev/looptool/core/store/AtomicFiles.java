package dev.looptool.core.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * Atomic file writes: the body goes to a temporary sibling that is forced to disk and renamed over
 * the target, so a reader (or a retried writer) sees the old file or the complete new one.
 */
public final class AtomicFiles {
  /** Temporary files carry this marker; listings skip them. */
  public static final String TMP_MARKER = ".tmp-";

  private AtomicFiles() {}

  /** Writes {@code target} atomically and returns the sha256 of its bytes. */
  public static String write(Path target, ArtifactStore.Body body) throws IOException {
    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling(abs.getFileName() + TMP_MARKER + UUID.randomUUID());
    MessageDigest sha = Sha256.newDigest();
    try {
      try (FileChannel ch =
              FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          BufferedOutputStream buf =
              new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
          DigestOutputStream out = new DigestOutputStream(buf, sha)) {
        // Bodies may close what they are given (writers close their streams); the channel must stay
        // open until it has been forced to disk.
        body.writeTo(new NonClosingOutputStream(out));
        out.flush();
        // Durable before it becomes visible: a machine crash must not leave a renamed, empty file.
        ch.force(true);
      }
      LocalArtifactStore.moveAtomically(tmp, abs);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return Sha256.hex(sha.digest());
  }

  /** Passes writes through and turns close() into flush(). */
  static final class NonClosingOutputStream extends java.io.FilterOutputStream {
    NonClosingOutputStream(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}

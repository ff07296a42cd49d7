package dev.looptool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The work directory of a data benchmark ({@code --dir}): the one named, kept with what the
 * benchmark wrote, or a temporary one removed with its files when the benchmark ends.
 */
final class BenchDir {
  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where to write the files (default: a temporary directory, removed after).")
  Path dir;

  /** What a benchmark does in its work directory; returns its exit code. */
  @FunctionalInterface
  interface Bench {
    int run(Path work) throws Exception;
  }

  /** Runs {@code bench} in {@code --dir}, or in a new temporary directory named {@code prefix}…. */
  int run(String prefix, Bench bench) throws Exception {
    if (dir != null) {
      return bench.run(Files.createDirectories(dir));
    }
    Path work = Files.createTempDirectory(prefix);
    try {
      return bench.run(work);
    } finally {
      deleteTree(work);
    }
  }

  /** Removes a directory and everything below it, as far as it can (best effort: a cleanup). */
  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}

package dev.looptool.cli.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one looptool command in a child JVM, as a user at a shell would, and captures its output.
 */
public final class CliProcess {
  public record Result(int exitCode, String stdoutAndErr, double seconds) {}

  private CliProcess() {}

  public static Result run(Path tmp, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(tmp, "cli-", ".out");
    long t0 = System.nanoTime();
    Process p =
        ChildJvm.looptool(List.of(args))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    int code = p.waitFor();
    return new Result(code, Files.readString(out), (System.nanoTime() - t0) / 1e9);
  }

  /** {@code looptool run} of the spec file, as run {@code runId}, with its store in tmp/store. */
  public static Result runSpec(Path tmp, Path spec, String runId)
      throws IOException, InterruptedException {
    return run(
        tmp,
        "run",
        "--config",
        spec.toString(),
        "--store",
        tmp.resolve("store").toString(),
        "--run-id",
        runId);
  }
}

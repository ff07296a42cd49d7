package dev.looptool.cli.crash;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A looptool worker process started from this JVM's class path, killable with SIGKILL. */
final class ChildWorker implements AutoCloseable {
  private final Process process;

  private ChildWorker(Process process) {
    this.process = process;
  }

  static ChildWorker start(String target, Path store, Path log, String... pools)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("worker"));
    for (String p : pools) {
      args.add("--pool");
      args.add(p);
    }
    args.addAll(List.of("--temporal", target, "--store", store.toString(), "--metrics-port", "-1"));
    ProcessBuilder pb =
        ChildJvm.looptool(args)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ChildWorker(pb.start());
  }

  /** SIGKILL: the worker gets no chance to clean up, as when a machine dies. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}

package dev.looptool.workers.crash;

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

  static ChildWorker start(String target, Path store, Path log, String... pools) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-Dai.djl.pytorch.num_threads=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.looptool.workers.cli.LoopToolCli");
    cmd.add("worker");
    for (String p : pools) {
      cmd.add("--pool");
      cmd.add(p);
    }
    cmd.add("--temporal");
    cmd.add(target);
    cmd.add("--store");
    cmd.add(store.toString());
    cmd.add("--metrics-port");
    cmd.add("-1");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("OPT_OUT_TRACKING", "true");
    // Bit-exact training across processes needs the same thread count in every native library.
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("MKL_NUM_THREADS", "1");
    pb.environment().put("MKL_DYNAMIC", "FALSE");
    return new ChildWorker(pb.start());
  }

  /** SIGKILL: the worker gets no chance to clean up, as when a machine dies. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}

package dev.looptool.cli.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line and environment of a looptool process started from this JVM's class path. */
public final class ChildJvm {
  private ChildJvm() {}

  public static ProcessBuilder looptool(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-Dai.djl.pytorch.num_threads=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.looptool.cli.LoopToolCli");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OPT_OUT_TRACKING", "true");
    // Bit-exact training across processes needs the same thread count in every native library.
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("MKL_NUM_THREADS", "1");
    pb.environment().put("MKL_DYNAMIC", "FALSE");
    return pb;
  }
}

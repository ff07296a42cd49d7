package dev.looptool.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmarks ({@code bench ...}, {@code world bench}) read of the machine they measure,
 * and the CPU load {@code bench judge} puts on it.
 */
final class BenchMachine {
  private BenchMachine() {}

  /**
   * CPU time of the whole JVM (the measuring threads plus GC and JIT threads), or -1 where the
   * platform does not report it.
   */
  static long processCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime()
        : -1;
  }

  /** The system load average of the last minute, negative where the platform has none. */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * The CPU load of {@code bench judge}: N threads that never sleep, each streaming over its own 8
   * MiB array (a training job's host is busy with memory traffic too, not only arithmetic). Runs
   * until killed; it exits by itself after an hour should its parent die without killing it.
   */
  public static final class CpuLoad {
    private CpuLoad() {}

    /** A separate JVM spinning {@code threads} busy threads, at normal priority, until killed. */
    static Process start(int threads) throws IOException {
      String java =
          ProcessHandle.current()
              .info()
              .command()
              .orElse(System.getProperty("java.home") + "/bin/java");
      return new ProcessBuilder(
              java,
              "-cp",
              System.getProperty("java.class.path"),
              CpuLoad.class.getName(),
              String.valueOf(threads))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    }

    public static void main(String[] args) throws InterruptedException {
      int n = Integer.parseInt(args[0]);
      long until = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        Thread th =
            new Thread(
                () -> {
                  long[] a = new long[1 << 20];
                  long x = 1;
                  while (System.nanoTime() < until) {
                    for (int i = 0; i < a.length; i++) {
                      x = x * 6364136223846793005L + 1442695040888963407L;
                      a[i] += x;
                    }
                  }
                  if (a[7] == 42) {
                    System.out.println(x);
                  }
                },
                "cpu-load-" + t);
        th.start();
        threads.add(th);
      }
      for (Thread th : threads) {
        th.join();
      }
    }
  }
}

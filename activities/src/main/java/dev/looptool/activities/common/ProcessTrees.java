package dev.looptool.activities.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Stops a process and everything it started: the external trainer and the model servers (a
 * trainer's or a serving engine's workers are its children).
 */
public final class ProcessTrees {
  private ProcessTrees() {}

  /**
   * SIGTERM to the whole tree, then SIGKILL to whatever is left after {@code graceMillis}, children
   * started meanwhile included.
   */
  public static void stop(Process process, long graceMillis) {
    List<ProcessHandle> tree =
        process.descendants().collect(Collectors.toCollection(ArrayList::new));
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
    for (ProcessHandle h : tree) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          h.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      } catch (Exception timeoutOrInterrupt) {
        // still alive: killed below
      }
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}

package dev.looptool.workers;

import dev.looptool.workflows.TaskQueues;
import java.util.EnumSet;
import java.util.Set;

/** A worker pool and the task queue it polls; ALL is every pool in one process. */
public enum Pool {
  WORKFLOW(TaskQueues.WORKFLOW),
  CPU(TaskQueues.CPU),
  LLM(TaskQueues.LLM),
  GPU(TaskQueues.GPU),
  ALL(null);

  private final String taskQueue;

  Pool(String taskQueue) {
    this.taskQueue = taskQueue;
  }

  public String taskQueue() {
    return taskQueue;
  }

  /** The concrete pools a selection stands for (ALL expanded). */
  public static Set<Pool> expand(Iterable<Pool> selected) {
    EnumSet<Pool> out = EnumSet.noneOf(Pool.class);
    for (Pool p : selected) {
      if (p == ALL) {
        out.addAll(EnumSet.of(WORKFLOW, CPU, LLM, GPU));
      } else {
        out.add(p);
      }
    }
    return out;
  }
}

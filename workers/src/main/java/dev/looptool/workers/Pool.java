package dev.looptool.workers;

import dev.looptool.workflows.TaskQueues;
import dev.looptool.workflows.stages.CpuActivities;
import dev.looptool.workflows.stages.GpuActivities;
import dev.looptool.workflows.stages.LlmActivities;
import io.temporal.activity.ActivityMethod;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** A worker pool and the task queue it polls; ALL is every pool in one process. */
public enum Pool {
  WORKFLOW(TaskQueues.WORKFLOW, null),
  CPU(TaskQueues.CPU, CpuActivities.class),
  LLM(TaskQueues.LLM, LlmActivities.class),
  GPU(TaskQueues.GPU, GpuActivities.class),
  ALL(null, null);

  private final String taskQueue;
  private final Class<?> activities;

  Pool(String taskQueue, Class<?> activities) {
    this.taskQueue = taskQueue;
    this.activities = activities;
  }

  /** The pool whose activity interface declares this activity type (e.g. "Train": GPU). */
  public static Optional<Pool> hosting(String activityType) {
    return Arrays.stream(values())
        .filter(p -> p.activities != null)
        .filter(
            p ->
                Arrays.stream(p.activities.getMethods())
                    .map(m -> m.getAnnotation(ActivityMethod.class))
                    .anyMatch(a -> a != null && activityType.equals(a.name())))
        .findFirst();
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

package dev.looptool.workflows.loop;

import dev.looptool.workflows.TaskQueues;
import dev.looptool.workflows.spec.ExecutionSpec;
import dev.looptool.workflows.stages.StageFailures;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The one place activity timeouts and retries are decided, per pool, from the run's execution
 * settings. Heartbeat timeouts are short so a dead worker is noticed in seconds; retries go on
 * until the stage's start-to-close limit, except for bad input.
 */
public final class StageOptions {
  private StageOptions() {}

  public static ActivityOptions gpuTraining(ExecutionSpec e, String summary) {
    return base(TaskQueues.GPU, Duration.ofMinutes(e.trainTimeoutMinutes()), e, summary);
  }

  public static ActivityOptions gpu(ExecutionSpec e, String summary) {
    return base(TaskQueues.GPU, Duration.ofMinutes(e.stageTimeoutMinutes()), e, summary);
  }

  public static ActivityOptions llm(ExecutionSpec e, String summary) {
    return base(TaskQueues.LLM, Duration.ofMinutes(e.stageTimeoutMinutes()), e, summary);
  }

  public static ActivityOptions cpu(ExecutionSpec e, String summary) {
    return base(TaskQueues.CPU, Duration.ofMinutes(e.stageTimeoutMinutes()), e, summary);
  }

  private static ActivityOptions base(
      String queue, Duration startToClose, ExecutionSpec e, String summary) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(queue)
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(Duration.ofSeconds(e.heartbeatSeconds()))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setDoNotRetry(StageFailures.BAD_INPUT, StageFailures.BACKEND_REJECTED)
                .build())
        .setSummary(summary)
        .build();
  }
}

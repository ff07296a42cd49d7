package dev.looptool.workers;

import com.google.protobuf.ByteString;
import dev.looptool.activities.backends.ModelBackends;
import dev.looptool.activities.backends.SeedWorld;
import dev.looptool.activities.cpu.CpuActivitiesImpl;
import dev.looptool.activities.gpu.GpuActivitiesImpl;
import dev.looptool.activities.llm.LlmActivitiesImpl;
import dev.looptool.activities.llm.LlmBackends;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.workers.metrics.StageMetricsInterceptor;
import dev.looptool.workflows.experiment.ExperimentWorkflowImpl;
import dev.looptool.workflows.loop.LoopState;
import dev.looptool.workflows.loop.LoopToolWorkflowImpl;
import dev.looptool.workflows.loop.ShardedStageWorkflowImpl;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.stages.CorrectResult;
import dev.looptool.workflows.stages.EvalResult;
import dev.looptool.workflows.stages.ExpandShardResult;
import dev.looptool.workflows.stages.JudgeShardResult;
import dev.looptool.workflows.stages.MergeResult;
import dev.looptool.workflows.stages.ProbeShardResult;
import dev.looptool.workflows.stages.SeedResult;
import dev.looptool.workflows.stages.ShardedStageRequest;
import dev.looptool.workflows.stages.ShardedStageResult;
import dev.looptool.workflows.stages.TrainResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Runs the workers of the selected pools in this process: the workflow on {@code looptool}, and
 * each pool's activities on its queue. GPU workers take one activity at a time per GPU slot.
 */
public final class WorkerHost implements Closeable {
  private final WorkerFactory factory;

  /** The GPU pool's activities, which own the model servers started per checkpoint. */
  private GpuActivitiesImpl gpu;

  /** What the activities need, built once per process. */
  public record Services(
      ArtifactStore store,
      ModelBackends backends,
      SeedWorld world,
      MeterRegistry metrics,
      LlmBackends llm) {}

  public WorkerHost(
      WorkflowClient client, Set<Pool> pools, Services services, int gpuSlots, int cpuSlots) {
    WorkerFactoryOptions.Builder options = WorkerFactoryOptions.newBuilder();
    if (services.metrics() != null) {
      options.setWorkerInterceptors(new StageMetricsInterceptor(services.metrics()));
    }
    this.factory = WorkerFactory.newInstance(client, options.build());
    for (Pool p : Pool.expand(pools)) {
      switch (p) {
        case WORKFLOW:
          factory
              .newWorker(p.taskQueue())
              .registerWorkflowImplementationTypes(
                  LoopToolWorkflowImpl.class,
                  ShardedStageWorkflowImpl.class,
                  ExperimentWorkflowImpl.class);
          warmPayloadReaders(client.getOptions().getDataConverter());
          break;
        case CPU:
          worker(p, cpuSlots)
              .registerActivitiesImplementations(
                  new CpuActivitiesImpl(services.store(), services.world(), services.backends()));
          break;
        case LLM:
          worker(p, 8)
              .registerActivitiesImplementations(
                  new LlmActivitiesImpl(services.store(), services.backends(), services.metrics()));
          break;
        case GPU:
          gpu = new GpuActivitiesImpl(services.store(), services.metrics(), services.llm());
          worker(p, gpuSlots).registerActivitiesImplementations(gpu);
          break;
        default:
          throw new IllegalArgumentException("unknown pool " + p);
      }
    }
  }

  /**
   * How often, at most, an activity's heartbeat reaches the server. The SDK holds heartbeats back
   * for 0.8 of the heartbeat timeout (24 s for a 30 s timeout); the progress the command line and
   * the Web UI show comes from them, so it would lag by that much.
   */
  static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);

  private Worker worker(Pool p, int slots) {
    return factory.newWorker(
        p.taskQueue(),
        WorkerOptions.newBuilder()
            .setMaxConcurrentActivityExecutionSize(Math.max(1, slots))
            .setMaxHeartbeatThrottleInterval(HEARTBEAT_EVERY)
            .build());
  }

  public void start() {
    factory.start();
  }

  /**
   * The payload records a workflow replay reads first, whose Jackson readers are built on first
   * use. A fresh workflow worker otherwise builds them inside a workflow thread: on two busy cores,
   * with a loop's query replay and a stage child's task arriving together, that took over the SDK's
   * 1 s deadlock detection (TMPRL1101) and failed the query.
   */
  static final List<Class<?>> REPLAYED_FIRST =
      List.of(
          RunSpec.class,
          LoopState.class,
          ShardedStageRequest.class,
          ShardedStageResult.class,
          SeedResult.class,
          TrainResult.class,
          ProbeShardResult.class,
          JudgeShardResult.class,
          ExpandShardResult.class,
          CorrectResult.class,
          MergeResult.class,
          EvalResult.class);

  /** Builds the readers of {@link #REPLAYED_FIRST} now, outside any workflow thread. */
  static void warmPayloadReaders(DataConverter converter) {
    Payload empty =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8("{}"))
            .build();
    for (Class<?> type : REPLAYED_FIRST) {
      try {
        converter.fromPayload(empty, type, type);
      } catch (RuntimeException emptyIsNotValid) {
        // the reader was built (and is cached) before the empty record was refused
      }
    }
  }

  /** Stops the workers, then the model servers the GPU pool started (process trees and all). */
  @Override
  public void close() {
    try {
      factory.shutdownNow();
    } finally {
      if (gpu != null) {
        gpu.close();
      }
    }
  }
}

package dev.looptool.cli;

import dev.looptool.workers.Pool;
import dev.looptool.workers.ServerReadiness;
import dev.looptool.workers.Services;
import dev.looptool.workers.TemporalConnection;
import dev.looptool.workers.WorkerHost;
import dev.looptool.workers.metrics.Metrics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code looptool worker --pool ...}: one process per pool (or several pools in one). */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the workers of one or more pools against a Temporal server and serves Prometheus metrics",
      "at /metrics. Pools: workflow (task queue looptool), cpu, llm, gpu (looptool-<pool>), or all."
    })
public final class WorkerCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--pool",
      required = true,
      split = ",",
      paramLabel = "POOL",
      description = "gpu, llm, cpu, workflow or all; repeat or separate with commas.")
  List<Pool> pools;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      defaultValue = "${env:LOOPTOOL_STORE:-looptool-store}",
      description =
          "Artifact store directory shared by all workers (env LOOPTOOL_STORE; default ${DEFAULT-VALUE}).")
  Path store;

  @Option(
      names = "--metrics-port",
      paramLabel = "N",
      defaultValue = "${env:LOOPTOOL_METRICS_PORT:-9464}",
      description =
          "Port of the Prometheus /metrics endpoint (env LOOPTOOL_METRICS_PORT; default ${DEFAULT-VALUE}; -1 turns it off).")
  int metricsPort;

  @Option(
      names = "--gpu-slots",
      defaultValue = "${env:LOOPTOOL_GPU_SLOTS:-1}",
      description =
          "Concurrent GPU activities: one per GPU (env LOOPTOOL_GPU_SLOTS; default ${DEFAULT-VALUE}).")
  int gpuSlots;

  @Option(
      names = "--cpu-slots",
      defaultValue = "${env:LOOPTOOL_CPU_SLOTS:-2}",
      description = "Concurrent CPU activities (default ${DEFAULT-VALUE}).")
  int cpuSlots;

  @Override
  public Integer call() throws Exception {
    String poolNames =
        pools.stream().map(p -> p.name().toLowerCase()).collect(Collectors.joining("+"));
    try (Metrics metrics = new Metrics(poolNames);
        TemporalConnection conn =
            new TemporalConnection(
                connection.temporal, connection.namespace, metrics.temporalScope());
        WorkerHost host =
            new WorkerHost(
                conn.client(),
                Pool.expand(pools),
                Services.create(store, metrics.registry()),
                gpuSlots,
                cpuSlots)) {
      List<String> problems =
          ServerReadiness.problems(
              conn.client().getWorkflowServiceStubs(),
              connection.namespace,
              Pool.expand(pools).contains(Pool.WORKFLOW));
      if (!problems.isEmpty()) {
        problems.forEach(p -> System.err.println("looptool worker: " + p));
        return ExitCodes.ERROR;
      }
      int port = metricsPort >= 0 ? metrics.serve(metricsPort) : -1;
      host.start();
      System.out.println(
          "looptool worker: pools "
              + poolNames
              + " on "
              + conn.target()
              + " namespace "
              + connection.namespace
              + ", store "
              + store.toAbsolutePath()
              + (port >= 0 ? ", metrics on :" + port + "/metrics" : ""));
      CountDownLatch forever = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
      forever.await();
    }
    return ExitCodes.OK;
  }
}

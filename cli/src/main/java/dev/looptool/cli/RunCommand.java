package dev.looptool.cli;

import dev.looptool.cli.config.RunSpecs;
import dev.looptool.workers.Pool;
import dev.looptool.workers.ServerReadiness;
import dev.looptool.workers.Services;
import dev.looptool.workers.TemporalConnection;
import dev.looptool.workers.WorkerHost;
import dev.looptool.workers.embedded.EmbeddedTemporal;
import dev.looptool.workers.metrics.Metrics;
import dev.looptool.workflows.loop.LoopResult;
import dev.looptool.workflows.spec.RunSpec;
import io.temporal.client.WorkflowFailedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code looptool run}: the newcomer's main job, everything in one process. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a whole LoopTool run in this process: with no --temporal, an in-process Temporal server with",
      "the search attributes registered; all worker pools; the run itself, with progress per stage; and",
      "at the end a table of held-out accuracy, label purity and dataset composition per iteration."
    })
public final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      defaultValue = "examples/quickstart.yaml",
      description = "Run specification, .yaml or .json (default ${DEFAULT-VALUE}).")
  Path config;

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      description = "Use this Temporal server instead of an in-process one.")
  String temporal;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Namespace (default ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      defaultValue = "${env:LOOPTOOL_STORE:-looptool-store}",
      description = "Artifact store directory (env LOOPTOOL_STORE; default ${DEFAULT-VALUE}).")
  Path store;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "Run id (default: <spec name or run>-<date>-<time>).")
  String runId;

  @Option(
      names = "--metrics-port",
      defaultValue = "-1",
      description = "Serve Prometheus metrics on this port (default: off).")
  int metricsPort;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(System.out, true);
    RunSpec spec = RunSpecs.load(config);
    String id =
        runId != null ? runId : RunControl.defaultRunId(spec.name() != null ? spec.name() : "run");
    EmbeddedTemporal embedded = temporal == null ? EmbeddedTemporal.start(0, namespace) : null;
    String target = embedded != null ? embedded.target() : temporal;
    try (Metrics metrics = new Metrics("all");
        TemporalConnection conn =
            new TemporalConnection(target, namespace, metrics.temporalScope());
        WorkerHost host =
            new WorkerHost(
                conn.client(),
                EnumSet.of(Pool.ALL),
                Services.create(store, metrics.registry()),
                1,
                2)) {
      List<String> problems =
          ServerReadiness.problems(
              conn.client().getWorkflowServiceStubs(),
              namespace,
              spec.withDefaults().execution().searchAttributes());
      if (!problems.isEmpty()) {
        problems.forEach(p -> System.err.println("looptool run: " + p));
        return ExitCodes.ERROR;
      }
      if (metricsPort >= 0) {
        metrics.serve(metricsPort);
      }
      host.start();
      out.println(
          "looptool run "
              + id
              + ": Temporal "
              + (embedded != null ? "in-process at " : "at ")
              + target
              + ", store "
              + store.toAbsolutePath()
              + ", spec "
              + config);
      RunControl.start(conn.client(), spec, id);
      CompletableFuture<LoopResult> result =
          CompletableFuture.supplyAsync(() -> RunControl.await(conn.client(), id));
      RunProgress progress =
          new RunProgress(conn.client(), RunConnectionOptions.of(target, namespace, 10), id);
      RunControl.follow(progress, conn.client(), id, result, RunControl.display(), () -> {});
      LoopResult r;
      try {
        r = result.get();
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof WorkflowFailedException wfe && wfe.getCause() != null) {
          c = wfe.getCause();
        }
        System.err.println("looptool run " + id + " failed: " + c.getMessage());
        return ExitCodes.ERROR;
      }
      out.println(
          "looptool run "
              + id
              + ": "
              + r.iterationsCompleted()
              + " iteration(s) done; report at "
              + store.resolve(r.reportKey()).toAbsolutePath());
      RunControl.printTable(out, r.iterations());
      return ExitCodes.OK;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}

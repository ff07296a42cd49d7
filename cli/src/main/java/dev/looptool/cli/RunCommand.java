package dev.looptool.cli;

import dev.looptool.cli.config.RunSpecs;
import dev.looptool.workflows.loop.LoopResult;
import dev.looptool.workflows.spec.RunSpec;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin LocalWorkers.Options where;

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
    try (LocalWorkers local =
        LocalWorkers.open(
            "run", where, spec.withDefaults().execution().searchAttributes(), metricsPort)) {
      if (local == null) {
        return ExitCodes.ERROR;
      }
      String target = local.target;
      WorkflowClient client = local.client();
      out.println("looptool run " + id + ": " + local.describe() + ", spec " + config);
      RunControl.start(client, spec, id);
      CompletableFuture<LoopResult> result =
          CompletableFuture.supplyAsync(() -> RunControl.await(client, id));
      RunProgress progress =
          new RunProgress(client, RunConnectionOptions.of(target, where.namespace, 10), id);
      RunControl.follow(progress, client, id, result, RunControl.display(), () -> {});
      LoopResult r = RunControl.resultOrReport(result, "run", id);
      if (r == null) {
        return ExitCodes.ERROR;
      }
      out.println(
          "looptool run "
              + id
              + ": "
              + r.iterationsCompleted()
              + " iteration(s) done; report at "
              + where.store.resolve(r.reportKey()).toAbsolutePath());
      RunControl.printTable(out, r.iterations());
      return ExitCodes.OK;
    }
  }
}

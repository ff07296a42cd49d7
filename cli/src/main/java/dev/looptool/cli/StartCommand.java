package dev.looptool.cli;

import dev.looptool.cli.config.RunSpecs;
import dev.looptool.workers.ServerReadiness;
import dev.looptool.workers.TemporalConnection;
import dev.looptool.workflows.spec.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code looptool start --config FILE [--run-id ID]}. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description =
        "Starts a LoopTool run on a Temporal server (workers must be running) and prints its run id.")
public final class StartCommand implements Callable<Integer> {
  @Mixin RunConnectionOptions connection;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "Run specification (.yaml or .json).")
  Path config;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "Workflow id of the run (default: looptool-<date>-<time>).")
  String runId;

  @Option(
      names = "--print-json",
      description =
          "Only print the run spec as the JSON input `temporal workflow start --input-file` takes.")
  boolean printJson;

  @Override
  public Integer call() throws Exception {
    RunSpec spec = RunSpecs.load(config);
    if (printJson) {
      System.out.println(RunSpecs.toJson(spec));
      return ExitCodes.OK;
    }
    try (TemporalConnection conn = connection.connect()) {
      List<String> problems =
          ServerReadiness.problems(
              conn.client().getWorkflowServiceStubs(),
              connection.namespace,
              spec.withDefaults().execution().searchAttributes());
      if (!problems.isEmpty()) {
        problems.forEach(p -> System.err.println("looptool start: " + p));
        return ExitCodes.ERROR;
      }
      String id =
          RunControl.start(
              conn.client(), spec, runId != null ? runId : RunControl.defaultRunId("looptool"));
      System.out.println(id);
    }
    return ExitCodes.OK;
  }
}

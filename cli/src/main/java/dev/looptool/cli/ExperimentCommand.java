package dev.looptool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.cli.config.RunSpecs;
import dev.looptool.core.json.Json;
import dev.looptool.workflows.TaskQueues;
import dev.looptool.workflows.experiment.ExperimentResult;
import dev.looptool.workflows.experiment.ExperimentSpec;
import dev.looptool.workflows.experiment.ExperimentStatus;
import dev.looptool.workflows.experiment.ExperimentWorkflow;
import dev.looptool.workflows.loop.LoopStatus;
import dev.looptool.workflows.loop.LoopToolWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code looptool experiment}: the paper's comparison of arms, everything in one process. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description = {
      "Runs an experiment: the seed data and SFT warm-up once, then one LoopTool run per arm (full,",
      "static, noJglv, noEdde, randomFill by default) from the same π_0 and D_1, and a report that",
      "compares them with 95 % intervals and paired tests. With no --temporal, everything runs in this",
      "process on an in-process Temporal server."
    })
public final class ExperimentCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      defaultValue = "examples/experiment.yaml",
      description = "Experiment specification, .yaml or .json (default ${DEFAULT-VALUE}).")
  Path config;

  @Mixin LocalWorkers.Options where;

  @Option(
      names = "--id",
      paramLabel = "ID",
      description = "Experiment id; arm runs are <ID>-<arm> (default: <name>-<date>-<time>).")
  String id;

  @Option(
      names = "--progress-seconds",
      defaultValue = "30",
      description = "How often to print each arm's progress (default ${DEFAULT-VALUE}).")
  int progressSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(System.out, true);
    ExperimentSpec spec = RunSpecs.loadExperiment(config);
    String experimentId =
        id != null ? id : RunControl.defaultRunId(spec.name() != null ? spec.name() : "experiment");
    try (LocalWorkers local =
        LocalWorkers.open("experiment", where, spec.run().execution().searchAttributes(), -1)) {
      if (local == null) {
        return ExitCodes.ERROR;
      }
      WorkflowClient client = local.client();
      out.println(
          "looptool experiment "
              + experimentId
              + ": "
              + spec.arms().size()
              + " arm(s) x "
              + spec.seeds()
              + " seed(s), "
              + spec.run().iterations()
              + " iterations each; "
              + local.describe());
      ExperimentWorkflow wf =
          client.newWorkflowStub(
              ExperimentWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(experimentId)
                  .setTaskQueue(TaskQueues.WORKFLOW)
                  .setStaticSummary("LoopTool experiment: " + spec.arms().size() + " arms")
                  .build());
      WorkflowClient.start(wf::run, spec);
      CompletableFuture<ExperimentResult> result =
          CompletableFuture.supplyAsync(
              () -> client.newUntypedWorkflowStub(experimentId).getResult(ExperimentResult.class));
      follow(out, client, experimentId, result);
      ExperimentResult r = RunControl.resultOrReport(result, "experiment", experimentId);
      if (r == null) {
        return ExitCodes.ERROR;
      }
      printSummary(out, where.store.resolve(r.reportKey()).resolveSibling("experiment.json"));
      out.println(
          "looptool experiment "
              + experimentId
              + ": report at "
              + where.store.resolve(r.reportKey()).toAbsolutePath());
      return ExitCodes.OK;
    }
  }

  /** Prints the experiment's stage and each arm's line whenever it changes, until it ends. */
  private void follow(
      PrintWriter out,
      WorkflowClient client,
      String experimentId,
      CompletableFuture<ExperimentResult> result)
      throws InterruptedException {
    Map<String, String> shown = new HashMap<>();
    ExperimentWorkflow parent = client.newWorkflowStub(ExperimentWorkflow.class, experimentId);
    while (true) {
      try {
        result.get(Math.max(1, progressSeconds), TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        return;
      } catch (TimeoutException e) {
        // still running: show progress below
      }
      try {
        ExperimentStatus st = parent.status();
        show(out, shown, "experiment", "stage: " + st.stage());
        for (ExperimentStatus.ArmRun a : st.arms()) {
          String line;
          if (a.done()) {
            line = "done";
          } else {
            LoopStatus s =
                RunControl.withStageProgress(
                    client, client.newWorkflowStub(LoopToolWorkflow.class, a.runId()).status());
            line = RunControl.progressLine(s);
          }
          show(out, shown, a.runId(), line);
        }
      } catch (RuntimeException e) {
        show(out, shown, "experiment", "(status unavailable: " + e.getMessage() + ")");
      }
    }
  }

  private static void show(PrintWriter out, Map<String, String> shown, String who, String line) {
    if (!line.equals(shown.put(who, line))) {
      out.printf(Locale.ROOT, "%-32s %s%n", who, line);
    }
  }

  /** The table of accuracies with intervals and paired tests, and the findings. */
  private static void printSummary(PrintWriter out, Path summary) throws java.io.IOException {
    JsonNode s = Json.MAPPER.readTree(summary.toFile());
    out.println();
    out.printf(Locale.ROOT, "%-16s", "arm");
    JsonNode arms = s.get("arms");
    int iterations = 0;
    for (JsonNode a : arms) {
      iterations = Math.max(iterations, a.get("iterations").size());
    }
    for (int j = 1; j <= iterations; j++) {
      out.printf(Locale.ROOT, " | %-32s", "iteration " + j);
    }
    out.println();
    for (JsonNode a : arms) {
      String name = a.get("arm").asText() + (a.get("seed").asInt() > 0 ? "/s" + a.get("seed") : "");
      out.printf(Locale.ROOT, "%-16s", name);
      for (JsonNode it : a.get("iterations")) {
        String cell =
            String.format(
                Locale.ROOT,
                "%.1f%% [%.1f, %.1f]",
                100 * it.get("accuracy").asDouble(),
                100 * it.get("low95").asDouble(),
                100 * it.get("high95").asDouble());
        JsonNode vs = it.get("vs_reference");
        if (vs != null) {
          cell +=
              String.format(
                  Locale.ROOT,
                  " %+.1f p=%.2g",
                  100 * vs.get("difference").asDouble(),
                  vs.get("mcnemar_p").asDouble());
        }
        out.printf(Locale.ROOT, " | %-32s", cell);
      }
      out.println();
    }
    out.println();
    for (JsonNode f : s.get("findings")) {
      out.println("- " + f.asText());
    }
    out.flush();
  }
}

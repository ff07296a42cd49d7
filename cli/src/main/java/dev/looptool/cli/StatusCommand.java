package dev.looptool.cli;

import dev.looptool.core.json.Json;
import dev.looptool.workers.TemporalConnection;
import dev.looptool.workflows.experiment.ExperimentStatus;
import dev.looptool.workflows.experiment.ExperimentWorkflow;
import dev.looptool.workflows.loop.LoopStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code looptool status ID}. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows where a run is (the workflow's status query): iteration, stage, shard progress, finished iterations.")
public final class StatusCommand implements Callable<Integer> {
  @Mixin RunConnectionOptions connection;

  @Parameters(paramLabel = "ID", description = "Run id (workflow id).")
  String runId;

  @Option(names = "--json", description = "Print the status as JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (TemporalConnection conn = connection.connect()) {
      PrintWriter out = new PrintWriter(System.out, true);
      if (ExperimentWorkflow.TYPE.equals(
          conn.client().newUntypedWorkflowStub(runId).describe().getWorkflowType())) {
        return experiment(conn, out);
      }
      LoopStatus s = RunControl.status(conn.client(), connection, runId, "");
      if (json) {
        out.println(Json.write(s));
      } else {
        out.println(
            runId
                + ": "
                + RunControl.progressLine(s)
                + (s.requests().paused() ? "  PAUSED" : "")
                + (s.requests().stopAfterIteration() ? "  (stops after this iteration)" : "")
                + (s.settingsPending() ? "  (settings update pending)" : ""));
        StageView now = new RunProgress(conn.client(), connection, runId).view(s);
        if (!now.task().isEmpty()) {
          out.println("  now: " + now.line().substring(now.stage().length()).strip());
        }
        RunControl.printTable(out, s.finished());
      }
    }
    return ExitCodes.OK;
  }

  /** An experiment: its stage, then one line per arm run (each a LoopTool run of its own). */
  private Integer experiment(TemporalConnection conn, PrintWriter out) {
    ExperimentStatus st = conn.client().newWorkflowStub(ExperimentWorkflow.class, runId).status();
    if (json) {
      out.println(Json.write(st));
      return ExitCodes.OK;
    }
    out.println(runId + ": experiment, " + st.stage() + ", " + st.arms().size() + " arm run(s)");
    for (ExperimentStatus.ArmRun a : st.arms()) {
      String line =
          a.done()
              ? "done"
              : RunControl.progressLine(
                  RunControl.status(conn.client(), connection, a.runId(), ""));
      out.printf(java.util.Locale.ROOT, "  %-28s %s%n", a.runId(), line);
    }
    return ExitCodes.OK;
  }
}

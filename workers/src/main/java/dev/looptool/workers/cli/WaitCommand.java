package dev.looptool.workers.cli;

import dev.looptool.workers.TemporalConnection;
import dev.looptool.workflows.loop.LoopResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code looptool wait ID}. */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = "Waits for a run to finish and prints its results; exit code 0 when it completed.")
public final class WaitCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "ID", description = "Run id (workflow id).")
  String runId;

  @Override
  public Integer call() {
    try (TemporalConnection conn = new TemporalConnection(connection.temporal, connection.namespace, null)) {
      LoopResult r = RunControl.await(conn.client(), runId);
      PrintWriter out = new PrintWriter(System.out, true);
      out.println(runId + ": " + r.iterationsCompleted() + " iteration(s)" + (r.stoppedEarly() ? " (stopped early)" : "") + ", report " + r.reportKey());
      RunControl.printTable(out, r.iterations());
    } catch (io.temporal.client.WorkflowFailedException e) {
      System.err.println(runId + ": failed: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
      return ExitCodes.ERROR;
    }
    return ExitCodes.OK;
  }
}

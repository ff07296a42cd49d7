package dev.looptool.cli;

import dev.looptool.cli.config.RunSpecs;
import dev.looptool.core.io.BadInputException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns the failures an operator causes or can fix (no workflow worker, an invalid run spec, no
 * server, no such run) into one line on stderr and a non-zero exit code instead of a stack trace.
 * Anything else is a bug and keeps picocli's default report.
 */
final class OperatorErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed)
      throws Exception {
    String line = explain(ex, connection(cl));
    if (line == null) {
      throw ex;
    }
    PrintWriter err = cl.getErr();
    err.println(line);
    err.flush();
    return ex instanceof NoWorkflowWorkerException ? ExitCodes.NO_WORKFLOW_WORKER : ExitCodes.ERROR;
  }

  static String explain(Throwable ex, ConnectionOptions connection) {
    if (ex instanceof NoWorkflowWorkerException || ex instanceof RunSpecs.InvalidSpecException) {
      return ex.getMessage();
    }
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof BadInputException bad) {
        return "looptool: " + bad.getMessage();
      }
      if (t instanceof WorkflowNotFoundException nf) {
        return nf.getExecution().getWorkflowId()
            + ": no such run"
            + (connection == null ? "" : " in namespace " + connection.namespace);
      }
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.UNAVAILABLE
          && connection != null) {
        return "cannot reach Temporal at "
            + connection.temporal
            + " ("
            + s.getStatus().getDescription()
            + "): start one with `looptool server`, or pass --temporal HOST:PORT";
      }
    }
    return null;
  }

  private static ConnectionOptions connection(CommandLine cl) {
    return cl.getMixins().get("connection") instanceof ConnectionOptions c ? c : null;
  }
}

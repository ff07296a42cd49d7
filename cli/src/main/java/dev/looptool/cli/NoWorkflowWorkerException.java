package dev.looptool.cli;

/**
 * A query of a run went unanswered until its deadline: no workflow worker polls the run's task
 * queue (or none could replay it in time). The run itself is safe; it waits in Temporal's history.
 */
final class NoWorkflowWorkerException extends RuntimeException {
  NoWorkflowWorkerException(
      String runId, RunConnectionOptions connection, String whatWaits, Throwable cause) {
    super(
        runId
            + ": "
            + whatWaits
            + "no workflow worker answered within "
            + connection.queryTimeoutSeconds
            + " s; the run is safe in Temporal's history and goes on when one runs: "
            + connection.workflowWorkerCommand(),
        cause);
  }
}

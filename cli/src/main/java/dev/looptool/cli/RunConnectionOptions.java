package dev.looptool.cli;

import dev.looptool.workers.TemporalConnection;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The connection of a command that steers or watches a run: the server, and how long to wait for an
 * answer.
 */
public final class RunConnectionOptions extends ConnectionOptions {
  @Option(
      names = "--query-timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "Seconds a query waits for a workflow worker to answer, and any other call for the server (default ${DEFAULT-VALUE}).")
  int queryTimeoutSeconds;

  /** The options a command gets when it names the server itself (run, with its embedded server). */
  static RunConnectionOptions of(String temporal, String namespace, int queryTimeoutSeconds) {
    RunConnectionOptions o = new RunConnectionOptions();
    o.temporal = temporal;
    o.namespace = namespace;
    o.queryTimeoutSeconds = queryTimeoutSeconds;
    return o;
  }

  TemporalConnection connect() {
    return TemporalConnection.forCommand(
        temporal, namespace, Duration.ofSeconds(queryTimeoutSeconds));
  }

  /** The command that starts a workflow worker against this server. */
  String workflowWorkerCommand() {
    return "looptool worker --pool workflow --temporal "
        + temporal
        + ("default".equals(namespace) ? "" : " --namespace " + namespace);
  }
}

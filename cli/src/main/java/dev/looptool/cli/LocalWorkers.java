package dev.looptool.cli;

import dev.looptool.workers.Pool;
import dev.looptool.workers.ServerReadiness;
import dev.looptool.workers.Services;
import dev.looptool.workers.TemporalConnection;
import dev.looptool.workers.WorkerHost;
import dev.looptool.workers.embedded.EmbeddedTemporal;
import dev.looptool.workers.metrics.Metrics;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What {@code run} and {@code experiment} start in their own process: an in-process Temporal server
 * unless a target is given, the connection, and every worker pool, started once the server is
 * ready. Closing stops the workers, then the in-process server.
 */
final class LocalWorkers implements AutoCloseable {
  private final EmbeddedTemporal embedded;
  private final Metrics metrics;
  private final TemporalConnection conn;
  private final WorkerHost host;
  private final Path store;
  final String target;

  /** Where the commands that run in-process find their server and store. */
  static final class Options {
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
  }

  private LocalWorkers(String temporal, String namespace, Path store) throws IOException {
    embedded = temporal == null ? EmbeddedTemporal.start(0, namespace) : null;
    target = embedded != null ? embedded.target() : temporal;
    this.store = store;
    metrics = new Metrics("all");
    conn = new TemporalConnection(target, namespace, metrics.temporalScope());
    host =
        new WorkerHost(
            conn.client(), EnumSet.of(Pool.ALL), Services.create(store, metrics.registry()), 1, 2);
  }

  /**
   * Connects and checks the server; returns null after printing the problems when it is not ready
   * (e.g. search attributes missing on a real cluster).
   */
  static LocalWorkers open(String command, Options where, boolean searchAttributes, int metricsPort)
      throws IOException {
    LocalWorkers w = new LocalWorkers(where.temporal, where.namespace, where.store);
    List<String> problems =
        ServerReadiness.problems(
            w.conn.client().getWorkflowServiceStubs(), where.namespace, searchAttributes);
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("looptool " + command + ": " + p));
      w.close();
      return null;
    }
    if (metricsPort >= 0) {
      w.metrics.serve(metricsPort);
    }
    w.host.start();
    return w;
  }

  WorkflowClient client() {
    return conn.client();
  }

  /** The server and the store, as a command's first line names them. */
  String describe() {
    return "Temporal "
        + (embedded != null ? "in-process at " : "at ")
        + target
        + ", store "
        + store.toAbsolutePath();
  }

  @Override
  public void close() {
    try {
      host.close();
      conn.close();
      metrics.close();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}

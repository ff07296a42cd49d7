package dev.looptool.workers;

import com.uber.m3.tally.Scope;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.Closeable;
import java.time.Duration;

/** A client connection to a Temporal frontend (host:port) in one namespace. */
public final class TemporalConnection implements Closeable {
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final String target;

  /** A connection for workers and long-lived clients, with the SDK's timeouts and retries. */
  public TemporalConnection(String target, String namespace, Scope metrics) {
    this(target, namespace, metrics, null);
  }

  /**
   * A connection for a command a person waits on: a query, a signal or a start gives up after
   * {@code timeout}. (With the SDK's defaults a query that no workflow worker answers is retried
   * for a minute.) Long polls, such as waiting for a run's result, are not limited.
   */
  public static TemporalConnection forCommand(String target, String namespace, Duration timeout) {
    return new TemporalConnection(target, namespace, null, timeout);
  }

  private TemporalConnection(String target, String namespace, Scope metrics, Duration timeout) {
    this.target = target;
    WorkflowServiceStubsOptions.Builder o =
        WorkflowServiceStubsOptions.newBuilder().setTarget(target);
    if (timeout != null) {
      o.setRpcQueryTimeout(timeout)
          .setRpcRetryOptions(
              RpcRetryOptions.newBuilder().setExpiration(timeout).validateBuildWithDefaults());
    }
    if (metrics != null) {
      o.setMetricsScope(metrics);
    }
    this.stubs = WorkflowServiceStubs.newServiceStubs(o.build());
    this.client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  public WorkflowClient client() {
    return client;
  }

  public String target() {
    return target;
  }

  @Override
  public void close() {
    stubs.shutdown();
  }
}

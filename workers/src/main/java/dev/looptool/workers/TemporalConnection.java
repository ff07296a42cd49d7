package dev.looptool.workers;

import com.uber.m3.tally.Scope;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.Closeable;

/** A client connection to a Temporal frontend (host:port) in one namespace. */
public final class TemporalConnection implements Closeable {
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final String target;

  public TemporalConnection(String target, String namespace, Scope metrics) {
    this.target = target;
    WorkflowServiceStubsOptions.Builder o = WorkflowServiceStubsOptions.newBuilder().setTarget(target);
    if (metrics != null) {
      o.setMetricsScope(metrics);
    }
    this.stubs = WorkflowServiceStubs.newServiceStubs(o.build());
    this.client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
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

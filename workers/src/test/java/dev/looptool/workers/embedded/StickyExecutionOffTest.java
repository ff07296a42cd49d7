package dev.looptool.workers.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A run whose workflow worker went away between two workflow tasks must move to the worker that
 * replaces it. The first worker completes the run's first task and stops; a second worker starts; a
 * signal then needs a workflow task, which only the second worker can run.
 */
class StickyExecutionOffTest {
  static final String QUEUE = "sticky-test";

  /** Waits for one signal and returns its value. */
  @WorkflowInterface
  public interface Waiter {
    @WorkflowMethod
    String run();

    @SignalMethod
    void go(String value);
  }

  /** The workflow: two workflow tasks, the start and the signal. */
  public static class WaiterImpl implements Waiter {
    private String value;

    @Override
    public String run() {
      Workflow.await(() -> value != null);
      return value;
    }

    @Override
    public void go(String v) {
      value = v;
    }
  }

  @Test
  void theReplacementWorkerTakesTheRunsNextWorkflowTask() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0, "default")) {
      assertEquals(
          "moved on",
          replaceWorkerThenSignal(server.target()).getResult(60, TimeUnit.SECONDS, String.class));
    }
  }

  /** Why StickyExecutionOff exists: the SDK's own port-bound test server leaves the run stalled. */
  @Test
  void withoutItTheTestServerKeepsTheTaskOnTheGoneWorkersStickyQueue() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TestServer.PortBoundTestServer bare = TestServer.createPortBoundServer(port, true);
    try {
      WorkflowStub run = replaceWorkerThenSignal("127.0.0.1:" + port);
      assertThrows(TimeoutException.class, () -> run.getResult(5, TimeUnit.SECONDS, String.class));
    } finally {
      bare.close();
    }
  }

  private static WorkflowStub replaceWorkerThenSignal(String target) throws Exception {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    WorkflowClient client = WorkflowClient.newInstance(stubs);
    WorkerFactory first = worker(client);
    Waiter wf =
        client.newWorkflowStub(
            Waiter.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("waiter").build());
    WorkflowClient.start(wf::run);
    WorkflowStub stub = WorkflowStub.fromTyped(wf);
    while (client.fetchHistory("waiter").getEvents().stream()
        .noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)) {
      Thread.sleep(20);
    }
    first.shutdownNow();
    first.awaitTermination(10, TimeUnit.SECONDS);
    worker(client);
    stub.signal("go", "moved on");
    return stub;
  }

  private static WorkerFactory worker(WorkflowClient client) {
    WorkerFactory f = WorkerFactory.newInstance(client);
    f.newWorker(QUEUE).registerWorkflowImplementationTypes(WaiterImpl.class);
    f.start();
    return f;
  }
}

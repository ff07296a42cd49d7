package dev.looptool.workers.embedded;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;

/**
 * Makes the in-process test server ignore the sticky task queue a worker asks for when it completes
 * a workflow task, so every workflow task and query goes to the shared {@code looptool} queue that
 * any workflow worker polls.
 *
 * <p>Why: after a workflow task, a Java worker asks the server to route the run's next tasks to its
 * own sticky queue for a few seconds (its schedule-to-start timeout, 5 s by default), falling back
 * to the shared queue when nobody picks them up. A real Temporal server honours that timeout; the
 * test server does not: it keeps routing to the sticky queue of a worker that was SIGKILLed between
 * two workflow tasks, for ever, and the run stalls (its queries time out). Without sticky execution
 * each workflow task replays the run's history, which continue-as-new keeps to one iteration.
 */
final class StickyExecutionOff implements ServerInterceptor {
  private static final String RESPOND_COMPLETED =
      WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> listener = next.startCall(call, headers);
    if (!RESPOND_COMPLETED.equals(call.getMethodDescriptor().getFullMethodName())) {
      return listener;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      @SuppressWarnings("unchecked")
      public void onMessage(Q message) {
        RespondWorkflowTaskCompletedRequest request = (RespondWorkflowTaskCompletedRequest) message;
        super.onMessage(
            request.hasStickyAttributes()
                ? (Q) request.toBuilder().clearStickyAttributes().build()
                : message);
      }
    };
  }
}

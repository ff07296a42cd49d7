package dev.looptool.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looptool.workers.embedded.EmbeddedTemporal;
import dev.looptool.workflows.loop.LoopSearchAttributes;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The readiness check against a server that knows one namespace and some search attributes. */
class ServerReadinessTest {
  /** A frontend with namespace "looptool" only and the given custom search attributes. */
  static List<String> check(String namespace, Map<String, IndexedValueType> attributes)
      throws Exception {
    String name = InProcessServerBuilder.generateName();
    Server server =
        InProcessServerBuilder.forName(name)
            .addService(
                new WorkflowServiceGrpc.WorkflowServiceImplBase() {
                  @Override
                  public void getSystemInfo(
                      GetSystemInfoRequest r, StreamObserver<GetSystemInfoResponse> o) {
                    o.onNext(GetSystemInfoResponse.getDefaultInstance());
                    o.onCompleted();
                  }

                  @Override
                  public void describeNamespace(
                      DescribeNamespaceRequest r, StreamObserver<DescribeNamespaceResponse> o) {
                    if (r.getNamespace().equals("looptool")) {
                      o.onNext(DescribeNamespaceResponse.getDefaultInstance());
                      o.onCompleted();
                    } else {
                      o.onError(
                          Status.NOT_FOUND
                              .withDescription("namespace not found")
                              .asRuntimeException());
                    }
                  }
                })
            .addService(
                new OperatorServiceGrpc.OperatorServiceImplBase() {
                  @Override
                  public void listSearchAttributes(
                      ListSearchAttributesRequest r,
                      StreamObserver<ListSearchAttributesResponse> o) {
                    o.onNext(
                        ListSearchAttributesResponse.newBuilder()
                            .putAllCustomAttributes(attributes)
                            .build());
                    o.onCompleted();
                  }
                })
            .directExecutor()
            .build()
            .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setChannel(channel).build());
    try {
      return ServerReadiness.problems(stubs, namespace, true);
    } finally {
      stubs.shutdownNow();
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  @Test
  void aMissingNamespaceSaysHowToCreateIt() throws Exception {
    assertEquals(
        List.of(
            "namespace 'other' does not exist; create it with: temporal operator namespace create --namespace other"),
        check("other", Map.of()));
  }

  @Test
  void missingSearchAttributesAreNamedWithTheCommandThatRegistersThem() throws Exception {
    assertEquals(
        List.of(
            "search attributes LoopAccuracy, LoopStage not registered in namespace 'looptool'; register with: temporal operator"
                + " search-attribute create --namespace looptool --name LoopAccuracy --type Double --name LoopStage --type Keyword"),
        check("looptool", Map.of("LoopIteration", IndexedValueType.INDEXED_VALUE_TYPE_INT)));
  }

  @Test
  void aSearchAttributeOfTheWrongTypeIsReported() throws Exception {
    List<String> p =
        check(
            "looptool",
            Map.of(
                "LoopIteration", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                "LoopStage", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                "LoopAccuracy", IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE));
    assertEquals(1, p.size(), p.toString());
    assertEquals(
        "search attribute LoopIteration is registered as Keyword but looptool writes Int; remove it (temporal operator"
            + " search-attribute remove --namespace looptool --name LoopIteration) and register it again",
        p.get(0));
  }

  @Test
  void aReadyServerHasNoProblems() throws Exception {
    assertEquals(List.of(), check("looptool", LoopSearchAttributes.ALL));
  }

  @Test
  void theEmbeddedServerIsReady() throws Exception {
    try (EmbeddedTemporal t = EmbeddedTemporal.start(0, "default");
        TemporalConnection c = new TemporalConnection(t.target(), "default", null)) {
      assertEquals(
          List.of(),
          ServerReadiness.problems(c.client().getWorkflowServiceStubs(), "default", true));
    }
  }
}

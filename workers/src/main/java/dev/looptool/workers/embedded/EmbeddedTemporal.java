package dev.looptool.workers.embedded;

import dev.looptool.workflows.loop.LoopSearchAttributes;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's in-process test server bound to a local port, with looptool's search attributes
 * registered: the embedded default, and {@code looptool server} for development against separate
 * worker processes. Time skipping is locked off, so retry backoff and timeouts run in real time.
 * Sticky execution is off ({@link StickyExecutionOff}), so a killed workflow worker's runs move to
 * its replacement. State lives in memory only.
 *
 * <p>Built like the SDK's {@code TestServer.createPortBoundServer}, which takes no interceptors.
 */
public final class EmbeddedTemporal implements Closeable {
  private final TestServicesStarter services;
  private final Server server;
  private final int port;

  private EmbeddedTemporal(TestServicesStarter services, Server server, int port) {
    this.services = services;
    this.server = server;
    this.port = port;
  }

  /**
   * Starts a server on {@code port} (0: a free port) and registers the search attributes in {@code
   * namespace}.
   */
  public static EmbeddedTemporal start(int port, String namespace) throws IOException {
    int p = port == 0 ? freePort() : port;
    TestServicesStarter services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder = Grpc.newServerBuilderForPort(p, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(
        services.getServices(), builder, List.of(new StickyExecutionOff()));
    EmbeddedTemporal t = new EmbeddedTemporal(services, builder.build().start(), p);
    t.registerSearchAttributes(namespace);
    return t;
  }

  public int port() {
    return port;
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  private void registerSearchAttributes(String namespace) {
    OperatorServiceStubs ops =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target())
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder req =
          AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
      LoopSearchAttributes.ALL.forEach(req::putSearchAttributes);
      ops.blockingStub().addSearchAttributes(req.build());
    } finally {
      ops.shutdown();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
    server.shutdownNow();
  }
}

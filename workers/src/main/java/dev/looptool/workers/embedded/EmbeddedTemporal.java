package dev.looptool.workers.embedded;

import dev.looptool.workflows.loop.LoopSearchAttributes;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;

/**
 * Temporal's in-process test server bound to a local port, with looptool's search attributes
 * registered: the embedded default, and {@code looptool server} for development against separate
 * worker processes. Time skipping is locked off, so retry backoff and timeouts run in real time.
 * State lives in memory only.
 */
public final class EmbeddedTemporal implements Closeable {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporal(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts a server on {@code port} (0: a free port) and registers the search attributes in {@code namespace}. */
  public static EmbeddedTemporal start(int port, String namespace) throws IOException {
    int p = port == 0 ? freePort() : port;
    EmbeddedTemporal t = new EmbeddedTemporal(TestServer.createPortBoundServer(p, true), p);
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
    OperatorServiceStubs ops = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder().setTarget(target()).validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder req = AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
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
    server.close();
  }
}

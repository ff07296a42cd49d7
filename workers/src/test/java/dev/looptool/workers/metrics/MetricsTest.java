package dev.looptool.workers.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  /** Every worker serves the JVM's metrics beside looptool's, tagged with its pools. */
  @Test
  void theEndpointServesJvmMetricsTaggedWithThePool() throws Exception {
    try (Metrics m = new Metrics("gpu")) {
      int port = m.serve(0);
      System.gc();
      String body =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (String name :
          List.of(
              "jvm_memory_used_bytes",
              "jvm_gc_pause_seconds",
              "jvm_threads_live_threads",
              "process_cpu_usage",
              "jvm_classes_loaded_classes",
              "process_uptime_seconds")) {
        assertTrue(
            body.contains(name + "{") || body.contains(name + "_count{"), name + " in\n" + body);
      }
      assertTrue(body.contains("pool=\"gpu\""), body);
    }
  }
}

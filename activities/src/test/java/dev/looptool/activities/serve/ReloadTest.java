package dev.looptool.activities.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.json.Json;
import dev.looptool.workflows.spec.PolicySpec.ReloadSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code policy.server.reload} against a server that loads adapters as vLLM's {@code
 * /v1/load_lora_adapter} does: listed adapters are not reloaded, a new one is, a refused load is a
 * configuration error, and a load that leaves another path under the name fails the check.
 */
class ReloadTest {
  final Map<String, String> loaded = new ConcurrentHashMap<>();
  final List<String> bodies = new CopyOnWriteArrayList<>();
  volatile String override;

  HttpServer server() throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    s.createContext(
        "/v1/models",
        ex -> {
          ObjectNode o = Json.object();
          var data = o.putArray("data");
          data.addObject().put("id", "base").put("root", "/models/base");
          loaded.forEach(
              (k, v) -> data.addObject().put("id", k).put("root", v).put("parent", "base"));
          send(ex, 200, Json.compact(o));
        });
    s.createContext(
        "/v1/load_lora_adapter",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          bodies.add(body);
          JsonNode b = Json.parse(body);
          if (b.path("lora_path").asText().contains("missing")) {
            send(ex, 400, "{\"error\": {\"message\": \"No adapter found\"}}");
            return;
          }
          loaded.put(
              b.path("lora_name").asText(),
              override != null ? override : b.path("lora_path").asText());
          send(ex, 200, "Success: LoRA adapter loaded");
        });
    s.start();
    return s;
  }

  static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    try (ex;
        var out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  static Map<String, String> values(String name, Path ckpt) {
    return Map.of("served_name", name, "checkpoint", ckpt.toString(), "base_model", "base");
  }

  /** Has the server behind {@code c} serve {@code name} from {@code ckpt}, as a stage does. */
  static void load(OpenAiClient c, ReloadSpec reload, String name, Path ckpt) throws Exception {
    ServedModels.ensureLoaded(c, reload, values(name, ckpt), ckpt, n -> null);
  }

  @Test
  void loadsOnceChecksTheRootAndRefusesWhatTheServerRefuses() throws Exception {
    HttpServer s = server();
    String base = "http://127.0.0.1:" + s.getAddress().getPort() + "/v1";
    ReloadSpec reload =
        new ReloadSpec(
            "/v1/load_lora_adapter",
            Map.of("lora_name", "{served_name}", "lora_path", "{checkpoint}"),
            null);
    Path ckpt = Path.of("/ckpt/r/iter-01");
    try (OpenAiClient c = ModelServersTest.client(base, "r-iter-01")) {
      load(c, reload, "r-iter-01", ckpt);
      load(c, reload, "r-iter-01", ckpt);
      assertEquals(1, bodies.size(), "a listed adapter is not loaded again");
      assertEquals(
          Json.parse("{\"lora_name\": \"r-iter-01\", \"lora_path\": \"/ckpt/r/iter-01\"}"),
          Json.parse(bodies.get(0)));

      Path missing = Path.of("/ckpt/missing");
      BadInputException refused =
          assertThrows(BadInputException.class, () -> load(c, reload, "r-iter-02", missing));
      assertTrue(refused.getMessage().contains("answered 400"), refused.getMessage());

      override = "/ckpt/elsewhere";
      Path third = Path.of("/ckpt/r/iter-03");
      BadInputException wrong =
          assertThrows(BadInputException.class, () -> load(c, reload, "r-iter-03", third));
      assertTrue(
          wrong
              .getMessage()
              .contains("serves 'r-iter-03' from /ckpt/elsewhere, not from /ckpt/r/iter-03"),
          wrong.getMessage());
    } finally {
      s.stop(0);
    }
  }
}

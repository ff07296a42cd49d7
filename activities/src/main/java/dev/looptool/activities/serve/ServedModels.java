package dev.looptool.activities.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.json.Json;
import dev.looptool.workflows.spec.PolicySpec.ReloadSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * What an endpoint serves: the check, before probing, that every base URL lists the served name
 * and, where its entry has a {@code root}, that it is this checkpoint; and {@code
 * policy.server.reload}, the call that makes a running server load a checkpoint.
 */
public final class ServedModels {
  private ServedModels() {}

  /**
   * Fails non-retryably ({@link BadInputException}) unless every base URL of {@code client} lists
   * {@code servedName} from {@code checkpoint}: probing another model would silently measure the
   * wrong policy.
   */
  public static void verify(OpenAiClient client, String servedName, Path checkpoint)
      throws IOException, InterruptedException {
    for (Map.Entry<String, JsonNode> e : client.listModels().entrySet()) {
      String problem = problem(e.getValue(), servedName, checkpoint);
      if (problem != null) {
        throw new BadInputException(
            "policy.prober: "
                + e.getKey()
                + "/models "
                + problem
                + "; the server is not serving this iteration's checkpoint (check that"
                + " policy.server passes {checkpoint} and {served_name} to it)");
      }
    }
  }

  /** Why {@code data} does not serve the checkpoint, or null when it does. */
  static String problem(JsonNode data, String servedName, Path checkpoint) {
    StringBuilder ids = new StringBuilder();
    for (JsonNode m : data) {
      String id = m.path("id").asText();
      if (!servedName.equals(id)) {
        ids.append(ids.length() == 0 ? "" : ", ").append(id);
        continue;
      }
      JsonNode root = m.get("root");
      if (root == null || root.isNull() || root.asText().isEmpty()) {
        return null;
      }
      if (!sameDir(root.asText(), checkpoint)) {
        return "serves '" + servedName + "' from " + root.asText() + ", not from " + checkpoint;
      }
      return null;
    }
    return "does not list '" + servedName + "' (it lists: " + ids + ")";
  }

  private static boolean sameDir(String root, Path checkpoint) {
    try {
      Path r = Path.of(root).toAbsolutePath().normalize();
      return r.equals(checkpoint.toAbsolutePath().normalize());
    } catch (RuntimeException notAPath) {
      return false;
    }
  }

  /**
   * Has every base URL of {@code client} load the checkpoint unless it already lists it: POSTs the
   * reload body (placeholders filled) to the reload URL (a path is taken on each base URL's host),
   * then {@link #verify}s. A 4xx answer is a configuration error unless the server lists the name
   * after all (two shards of one checkpoint reloading at once).
   */
  public static void ensureLoaded(
      OpenAiClient client,
      ReloadSpec reload,
      Map<String, String> values,
      Path checkpoint,
      Function<String, String> env)
      throws IOException, InterruptedException {
    String servedName = values.get("served_name");
    Map<String, JsonNode> listed = client.listModels();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    for (Map.Entry<String, JsonNode> e : listed.entrySet()) {
      if (problem(e.getValue(), servedName, checkpoint) == null) {
        continue;
      }
      URI url = reloadUrl(e.getKey(), Placeholders.fill(reload.url(), values));
      ObjectNode body =
          (ObjectNode)
              fill(
                  Json.MAPPER.valueToTree(reload.body() == null ? Map.of() : reload.body()),
                  values);
      HttpRequest.Builder b =
          HttpRequest.newBuilder(url)
              .timeout(
                  Duration.ofSeconds(
                      reload.timeoutSeconds() == null ? 600 : reload.timeoutSeconds()))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body)));
      String keyEnv = client.config().apiKeyEnv();
      if (keyEnv != null && env.apply(keyEnv) != null) {
        b.header("Authorization", "Bearer " + env.apply(keyEnv).strip());
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 == 2) {
        continue;
      }
      String answer = "POST " + url + " answered " + r.statusCode() + ": " + r.body();
      if (r.statusCode() / 100 == 4) {
        JsonNode now = client.listModels().get(e.getKey());
        if (now != null && problem(now, servedName, checkpoint) == null) {
          continue;
        }
        throw new BadInputException("policy.server.reload: " + answer);
      }
      throw new IOException("policy.server.reload: " + answer);
    }
    verify(client, servedName, checkpoint);
  }

  static URI reloadUrl(String baseUrl, String url) {
    if (!url.startsWith("/")) {
      return URI.create(url);
    }
    URI base = URI.create(baseUrl);
    return base.resolve(url);
  }

  private static JsonNode fill(JsonNode n, Map<String, String> values) {
    if (n.isTextual()) {
      return Json.MAPPER.getNodeFactory().textNode(Placeholders.fill(n.textValue(), values));
    }
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        f.setValue(fill(f.getValue(), values));
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) n).set(i, fill(n.get(i), values));
      }
    }
    return n;
  }
}

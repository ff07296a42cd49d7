package dev.looptool.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.testing.Fixtures;
import dev.looptool.core.testing.Mutations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A small copy of a benchmark's data directory for the fuzz properties: the first lines of some of
 * its question and answer files, so that a try reads kilobytes, not the whole benchmark.
 */
public final class MiniData {
  private MiniData() {}

  /**
   * Copies the first {@code lines} lines of each of {@code files} (relative) from one to another.
   */
  public static void copyHeads(Path from, Path to, List<String> files, int lines) {
    try {
      for (String f : files) {
        Path target = to.resolve(f);
        Files.createDirectories(target.getParent());
        Files.write(target, Mutations.head(from.resolve(f), lines));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A valid result file for the answers in {@code answers}: one line {@code {"id", "calls"}} per
   * answer, with the calls {@code callsOf} makes of its ground truth.
   */
  public static byte[] results(Path answers, Function<JsonNode, JsonNode> callsOf) {
    StringBuilder sb = new StringBuilder();
    try (var lines = Files.lines(answers, StandardCharsets.UTF_8)) {
      for (String line : lines.toList()) {
        JsonNode answer = Fixtures.json(line);
        ObjectNode result = Json.object();
        result.set("id", answer.get("id"));
        result.set("calls", callsOf.apply(answer.get("ground_truth")));
        sb.append(Json.compact(result)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The calls of one acceptable answer {@code {function: {param: value}}}: each function called
   * with the given arguments ({@code valueOf} picks a value from what the ground truth lists).
   */
  public static JsonNode calls(JsonNode answer, Function<JsonNode, JsonNode> valueOf) {
    var calls = Json.array();
    answer
        .fields()
        .forEachRemaining(
            f -> {
              ObjectNode args = Json.object();
              f.getValue()
                  .fields()
                  .forEachRemaining(p -> args.set(p.getKey(), valueOf.apply(p.getValue())));
              calls.addObject().put("name", f.getKey()).set("arguments", args);
            });
    return calls;
  }
}

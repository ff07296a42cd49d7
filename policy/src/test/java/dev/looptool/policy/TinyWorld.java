package dev.looptool.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.testing.Fixtures;
import dev.looptool.policy.model.DecoderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A tiny tool-calling world for tests: three tools, templated requests whose argument values must
 * be copied from the request, and some requests with a missing value that need a question back.
 */
final class TinyWorld {
  static final String[] CITIES = {
    "Paris", "Oslo", "Lima", "Kyoto", "Cairo", "Quito", "Perth", "Riga"
  };
  static final String[] UNITS = {"celsius", "fahrenheit"};

  static final ToolSpec WEATHER = Fixtures.cityWeatherTool("Current weather in a city");
  static final ToolSpec CONVERT =
      new ToolSpec(
          "convert",
          "Convert money",
          JsonSchema.builder("object")
              .property("amount", JsonSchema.builder("number").build(), true)
              .property("to", JsonSchema.builder("string").build(), true)
              .build());
  static final ToolSpec ALARM = Fixtures.alarmTool();

  private TinyWorld() {}

  static List<Sample> samples(int n, long seed) {
    Random r = new Random(seed);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(4);
      String city = CITIES[r.nextInt(CITIES.length)];
      out.add(
          switch (kind) {
            case 0 -> {
              String unit = UNITS[r.nextInt(2)];
              ObjectNode a = Json.object().put("city", city).put("unit", unit);
              yield single(
                  "w" + i,
                  "weather in " + city + " in " + unit + "?",
                  ToolCall.of("get_weather", a));
            }
            case 1 -> {
              int amount = 1 + r.nextInt(900);
              String to = r.nextBoolean() ? "EUR" : "JPY";
              ObjectNode a = Json.object().put("amount", amount).put("to", to);
              yield single("c" + i, "convert " + amount + " to " + to, ToolCall.of("convert", a));
            }
            case 2 -> {
              int hour = r.nextInt(24);
              String other = CITIES[r.nextInt(CITIES.length)];
              yield sample(
                  "p" + i,
                  "parallel",
                  "alarm at " + hour + " and weather in " + other,
                  Label.ofCalls(
                      List.of(
                          ToolCall.of("set_alarm", Json.object().put("hour", hour)),
                          ToolCall.of("get_weather", Json.object().put("city", other)))));
            }
            default ->
                sample("q" + i, "clarify", "set an alarm please", Label.ofText("For what hour?"));
          });
    }
    return out;
  }

  private static Sample single(String id, String user, ToolCall call) {
    return sample(id, "single", user, Label.ofCalls(List.of(call)));
  }

  private static Sample sample(String id, String shape, String user, Label label) {
    ObjectNode meta = Json.object().put("shape", shape);
    return new Sample(
        id, List.of(WEATHER, CONVERT, ALARM), List.of(Message.user(user)), label, null, meta);
  }

  /** A tiny, fast model config for tests. */
  static PolicyConfig tiny(int steps) {
    return PolicyConfig.sftDefaults().toBuilder()
        .steps(steps)
        .model(new DecoderConfig(400, 32, 1, 2, 160, 3, 4))
        .maxAnswer(80)
        .batchSize(8)
        .checkpointEvery(5)
        .build();
  }
}

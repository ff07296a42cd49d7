package dev.looptool.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import java.util.List;

/** Small hand-built tools, calls and samples shared by tests of every module. */
public final class Fixtures {
  private Fixtures() {}

  /** {@code text} parsed; a test's own JSON that does not parse is a mistake in the test. */
  public static JsonNode json(String text) {
    try {
      return Json.parse(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  public static ObjectNode args(String json) {
    return (ObjectNode) json(json);
  }

  public static ToolCall call(String name, String argsJson) {
    return new ToolCall(name, args(argsJson));
  }

  /** get_weather(city: string required, unit: enum celsius|fahrenheit, days: integer). */
  public static ToolSpec weatherTool() {
    return new ToolSpec(
        "get_weather",
        "Current weather and forecast for a city.",
        JsonSchema.builder("object")
            .property("city", JsonSchema.builder("string").description("City name").build(), true)
            .property("unit", unitSchema(), false)
            .property("days", JsonSchema.builder("integer").build(), false)
            .build());
  }

  /** get_weather(city: string required, unit: enum celsius|fahrenheit), described as given. */
  public static ToolSpec cityWeatherTool(String description) {
    return new ToolSpec(
        "get_weather",
        description,
        JsonSchema.builder("object")
            .property("city", JsonSchema.builder("string").build(), true)
            .property("unit", unitSchema(), false)
            .build());
  }

  /** set_alarm(hour: integer required). */
  public static ToolSpec alarmTool() {
    return new ToolSpec(
        "set_alarm",
        "Set an alarm",
        JsonSchema.builder("object")
            .property("hour", JsonSchema.builder("integer").build(), true)
            .build());
  }

  private static JsonSchema unitSchema() {
    return JsonSchema.builder("string").enumValues(List.of("celsius", "fahrenheit")).build();
  }

  /** book_flight with a nested passenger list and a date. */
  public static ToolSpec flightTool() {
    JsonSchema passenger =
        JsonSchema.builder("object")
            .property("name", JsonSchema.builder("string").build(), true)
            .property("age", JsonSchema.builder("integer").build(), false)
            .build();
    return new ToolSpec(
        "book_flight",
        "Book a flight.",
        JsonSchema.builder("object")
            .property("origin", JsonSchema.builder("string").build(), true)
            .property("destination", JsonSchema.builder("string").build(), true)
            .property("date", JsonSchema.builder("string").format("date").build(), true)
            .property("passengers", JsonSchema.builder("array").items(passenger).build(), false)
            .property("refundable", JsonSchema.builder("boolean").build(), false)
            .property("max_price", JsonSchema.builder("number").build(), false)
            .build());
  }

  public static Sample weatherSample(String id) {
    return new Sample(
        id,
        List.of(weatherTool(), flightTool()),
        List.of(Message.user("What's the weather in Paris in celsius?")),
        Label.ofCalls(List.of(call("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"))),
        Provenance.seed(),
        null);
  }
}

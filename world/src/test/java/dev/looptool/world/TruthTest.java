package dev.looptool.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.agent.Shape;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.io.BadDataException;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthTest {
  static final ToolSpec WEATHER =
      new ToolSpec(
          "get_weather",
          "Weather.",
          JsonSchema.builder("object")
              .property("city", JsonSchema.builder("string").build(), true)
              .property(
                  "units",
                  JsonSchema.builder("string").defaultValue(Json.NODES.textNode("celsius")).build(),
                  false)
              .build());

  static ToolCall call(String city, String units) {
    var a = Json.object().put("city", city);
    if (units != null) {
      a.put("units", units);
    }
    return new ToolCall("get_weather", a);
  }

  /** The truth of seed "a": get_weather for Rome, no unit. */
  static TruthRecord romeWeather() {
    return TruthRecord.seed(
        "a",
        Split.POOL,
        Shape.SINGLE,
        "d",
        List.of("get_weather"),
        0,
        null,
        Label.ofCalls(List.of(call("Rome", null))));
  }

  @Test
  void recordsSurviveTheirJsonForm() throws Exception {
    TruthRecord r =
        new TruthRecord(
            "w1-3-x2.1",
            Split.EXPANSION,
            Shape.CLARIFY,
            "weather",
            List.of("get_weather"),
            1,
            "city",
            Label.ofCalls(List.of(call("Oslo", null))),
            NoiseKind.SWAPPED_ARGUMENTS,
            true,
            "w1-3",
            2,
            1,
            ScenarioVariation.COMPLEXITY,
            List.of("city"));
    assertEquals(r, Truth.fromJson(Json.parse(Truth.toJson(r))));
    TruthRecord text =
        TruthRecord.seed(
            "w1-0",
            Split.POOL,
            Shape.NO_TOOL,
            "general",
            List.of(),
            0,
            null,
            Label.ofText("no tool"));
    assertEquals(text, Truth.fromJson(Json.parse(Truth.toJson(text))));
  }

  @Test
  void loadingNamesTheFileLineAndFieldOfABadRecord(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("truth.jsonl");
    TruthRecord ok = romeWeather();
    Files.writeString(
        f,
        Truth.toJson(ok)
            + "\n{\"id\":\"b\",\"split\":\"pool\",\"shape\":\"sideways\",\"label\":{\"text\":\"x\"}}\n");
    BadDataException e = assertThrows(BadDataException.class, () -> Truth.load(f));
    assertEquals(1, e.errors().size());
    assertEquals(2, e.errors().get(0).line());
    assertEquals("shape", e.errors().get(0).field());
    assertTrue(e.getMessage().contains(f + ":2: shape: unknown shape 'sideways'"), e.getMessage());
    Files.writeString(f, Truth.toJson(ok) + "\n");
    assertEquals(ok, Truth.load(f).require("a"));
    assertThrows(IllegalArgumentException.class, () -> Truth.load(f).require("zzz"));
  }

  @Test
  void writtenLinesLoadBack(@TempDir Path dir) throws Exception {
    TruthRecord a = romeWeather();
    TruthRecord b =
        TruthRecord.seed(
            "b", Split.TEST, Shape.NO_TOOL, "general", List.of(), 0, null, Label.ofText("no tool"));
    Path f = dir.resolve("t.jsonl");
    try (var out = Files.newOutputStream(f)) {
      Truth.writeLines(List.of(a, b), out);
    }
    assertEquals(2, Files.readAllLines(f).size());
    Truth t = Truth.load(f);
    assertEquals(a, t.require("a"));
    assertEquals(b, t.require("b"));
  }

  @Test
  void correctnessReadsOmittedOptionalArgumentsAsTheirDefaults() {
    TruthRecord t = romeWeather();
    List<ToolSpec> tools = List.of(WEATHER);
    assertTrue(Truth.correct(Label.ofCalls(List.of(call("Rome", null))), t, tools));
    assertTrue(Truth.correct(Label.ofCalls(List.of(call("Rome", "celsius"))), t, tools));
    assertFalse(Truth.correct(Label.ofCalls(List.of(call("Rome", "fahrenheit"))), t, tools));
    assertFalse(Truth.correct(Label.ofCalls(List.of(call("Paris", null))), t, tools));
    assertFalse(Truth.correct(Label.ofText("which city?"), t, tools));
    TruthRecord text =
        TruthRecord.seed(
            "b",
            Split.POOL,
            Shape.CLARIFY,
            "d",
            List.of("get_weather"),
            0,
            "city",
            Label.ofText("ask for city"));
    assertTrue(Truth.correct(Label.ofText("Which city do you mean?"), text, tools));
    assertFalse(Truth.correct(Label.ofCalls(List.of(call("Rome", null))), text, tools));
  }
}

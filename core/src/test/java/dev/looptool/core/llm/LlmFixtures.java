package dev.looptool.core.llm;

import dev.looptool.core.json.Json;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.testing.Fixtures;
import java.util.List;

/** Small samples for the LLM prompt tests. */
public final class LlmFixtures {
  private LlmFixtures() {}

  public static ToolSpec weatherTool() {
    return Fixtures.cityWeatherTool("Current weather for a city");
  }

  public static ToolCall weather(String city, String unit) {
    var args = Json.object().put("city", city);
    if (unit != null) {
      args.put("unit", unit);
    }
    return ToolCall.of("get_weather", args);
  }

  public static Sample sample(String id, String city, String unit) {
    return new Sample(
        id,
        List.of(weatherTool()),
        List.of(Message.system("Be brief."), Message.user("What's the weather in " + city + "?")),
        Label.ofCalls(List.of(weather(city, unit))),
        null,
        null);
  }
}

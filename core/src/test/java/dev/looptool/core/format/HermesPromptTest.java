package dev.looptool.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.io.FormatException;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class HermesPromptTest {
  static final ToolSpec WEATHER = Fixtures.cityWeatherTool("Weather — now");
  static final ToolSpec ALARM = Fixtures.alarmTool();

  static void roundTrips(List<ToolSpec> tools, List<Message> messages) throws FormatException {
    String prompt = HermesFormat.prompt(tools, messages);
    HermesPrompt.Conversation c = HermesPrompt.parse(prompt);
    assertEquals(prompt, HermesFormat.prompt(c.tools(), c.messages()));
    assertEquals(tools.size(), c.tools().size());
    for (int i = 0; i < tools.size(); i++) {
      assertEquals(tools.get(i).name(), c.tools().get(i).name());
      assertEquals(tools.get(i).parameters().node(), c.tools().get(i).parameters().node());
    }
    assertEquals(messages.size(), c.messages().size());
    for (int i = 0; i < messages.size(); i++) {
      Message want = messages.get(i);
      Message got = c.messages().get(i);
      assertEquals(want.role(), got.role());
      assertEquals(
          want.content() == null ? "" : want.content(), got.content() == null ? "" : got.content());
      assertEquals(want.toolCalls(), got.toolCalls());
    }
  }

  @Test
  void promptsReadBackToTheirToolsAndMessages() throws FormatException {
    ToolCall w = ToolCall.of("get_weather", Json.object().put("city", "Zürich"));
    ToolCall a = ToolCall.of("set_alarm", Json.object().put("hour", 6));
    roundTrips(List.of(WEATHER, ALARM), List.of(Message.user("weather in Zürich?")));
    roundTrips(List.of(), List.of(Message.user("hi")));
    roundTrips(List.of(), List.of(Message.system("Be brief.\n\n"), Message.user("hi")));
    roundTrips(List.of(ALARM), List.of(Message.system("Be brief."), Message.user("alarm\nat 6")));
    roundTrips(
        List.of(WEATHER, ALARM),
        List.of(
            Message.user("alarm at 6 and weather"),
            Message.assistant(List.of(a, w)),
            Message.tool("set_alarm", "done"),
            Message.tool("get_weather", "{\"temp\": 3}"),
            Message.assistant("Done; 3 degrees."),
            Message.user("thanks")));
  }

  @Test
  void toolResultsTakeTheNamesOfTheCallsTheyAnswer() throws FormatException {
    ToolCall w = ToolCall.of("get_weather", Json.object().put("city", "Oslo"));
    ToolCall a = ToolCall.of("set_alarm", Json.object().put("hour", 6));
    HermesPrompt.Conversation c =
        HermesPrompt.parse(
            HermesFormat.prompt(
                List.of(WEATHER, ALARM),
                List.of(
                    Message.user("x"),
                    Message.assistant(List.of(a, w)),
                    Message.tool(null, "done"),
                    Message.tool(null, "cold"))));
    assertEquals(Role.TOOL, c.messages().get(2).role());
    assertEquals("set_alarm", c.messages().get(2).name());
    assertEquals("get_weather", c.messages().get(3).name());
  }

  @Test
  void aTextThatIsNoSuchPromptSaysWhy() {
    FormatException e =
        assertThrows(FormatException.class, () -> HermesPrompt.parse("<|im_start|>user\nhi"));
    assertEquals("prompt", e.field());
    assertTrue(e.getMessage().contains("open assistant turn"));
    e =
        assertThrows(
            FormatException.class,
            () ->
                HermesPrompt.parse(
                    "stray <|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"));
    assertTrue(e.getMessage().contains("outside"), e.getMessage());
    e =
        assertThrows(
            FormatException.class,
            () ->
                HermesPrompt.parse(
                    "<|im_start|>assistant\n<tool_call>{\"name\": 1}</tool_call><|im_end|>\n"
                        + "<|im_start|>assistant\n"));
    assertTrue(e.getMessage().contains("name"), e.getMessage());
  }
}

package dev.looptool.core.validate;

import static dev.looptool.core.testing.Fixtures.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleValidatorTest {

  /** Sample "a" of these tools, messages and label, without provenance or metadata. */
  static Sample sampleA(List<ToolSpec> tools, List<Message> messages, Label label) {
    return new Sample("a", tools, messages, label, null, null);
  }

  @Test
  void cleanSampleHasNoProblems() {
    assertTrue(SampleValidator.validate(Fixtures.weatherSample("a")).isEmpty());
  }

  @Test
  void labelAndContextCallsAreCheckedWithFieldPaths() {
    Sample s = Fixtures.weatherSample("a");
    Sample bad =
        sampleA(
            s.tools(),
            List.of(
                Message.user("hi"),
                Message.assistant(List.of(call("get_weather", "{}"))),
                Message.tool("get_weather", "{}"),
                Message.user("and?")),
            Label.ofCalls(List.of(call("get_weather", "{\"city\":\"Paris\",\"unit\":\"K\"}"))));
    List<SampleValidator.Problem> ps = SampleValidator.validate(bad);
    assertEquals(2, ps.size(), ps.toString());
    assertEquals("messages[1].tool_calls[0].function.arguments.city", ps.get(0).field());
    assertTrue(ps.get(0).message().startsWith("missing_required"));
    assertEquals("label.calls[0].arguments.unit", ps.get(1).field());
    assertTrue(ps.get(1).message().startsWith("not_in_enum"));
  }

  @Test
  void contextMustEndWithUserOrTool() {
    Sample s = Fixtures.weatherSample("a");
    Sample bad =
        sampleA(s.tools(), List.of(Message.user("hi"), Message.assistant("hello")), s.label());
    assertEquals("messages[1].role", SampleValidator.validate(bad).get(0).field());
  }

  @Test
  void duplicateToolNamesAreReported() {
    Sample s = Fixtures.weatherSample("a");
    Sample bad =
        sampleA(List.of(Fixtures.weatherTool(), Fixtures.weatherTool()), s.messages(), s.label());
    assertEquals("tools[1].function.name", SampleValidator.validate(bad).get(0).field());
  }
}

package dev.looptool.core.correct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionLabelTest {
  private static final ToolCall OSLO = Fixtures.call("get_weather", "{\"city\":\"Oslo\"}");

  @Test
  void callsBecomeTheLabel() {
    assertEquals(
        Label.ofCalls(List.of(OSLO)),
        PredictionLabel.of("<think>easy</think>" + HermesFormat.callBlock(OSLO)));
  }

  @Test
  void textAroundCallsIsKept() {
    Label l = PredictionLabel.of("Checking.\n" + HermesFormat.callBlock(OSLO));
    assertEquals(List.of(OSLO), l.calls());
    assertEquals("Checking.", l.text());
  }

  @Test
  void anAnswerWithoutCallsIsATextLabel() {
    assertEquals(Label.ofText("Which city?"), PredictionLabel.of("Which city?"));
  }

  @Test
  void anUnparseableOutputIsItsTextWithoutTheThinking() {
    String broken = "<think>hmm</think> <tool_call>\n{\"name\": \"get_weather\", \n</tool_call> ";
    Label l = PredictionLabel.of(broken);
    assertEquals(List.of(), l.calls());
    assertEquals("<tool_call>\n{\"name\": \"get_weather\", \n</tool_call>", l.text());
  }
}

package dev.looptool.policy.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.json.Json;
import dev.looptool.core.match.ToolMatch;
import dev.looptool.core.model.JsonSchema;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactFormatTest {
  static final ToolSpec FLIGHT =
      new ToolSpec(
          "book_flight",
          "Book a flight",
          JsonSchema.builder("object")
              .property("to", JsonSchema.builder("string").build(), true)
              .property(
                  "class",
                  JsonSchema.builder("string").enumValues(List.of("economy", "business")).build(),
                  false)
              .property(
                  "dates",
                  JsonSchema.builder("array").items(JsonSchema.builder("string").build()).build(),
                  false)
              .build());

  @Test
  void signatureShowsRequiredTypesAndEnums() {
    assertEquals(
        "book_flight(to*:string,class:economy|business,dates:string[])",
        CompactFormat.signature(FLIGHT));
  }

  @Test
  void answersParseBackToTheLabelWithTheFoundationParser() {
    List<ToolCall> calls =
        List.of(
            ToolCall.of(
                "book_flight", Json.object().put("to", "Zürich \"HB\"").put("class", "economy")),
            ToolCall.of("book_flight", Json.object().put("to", "Lima").put("n", 2.5)));
    String answer = CompactFormat.answer(Label.ofCalls(calls));
    ParsedOutput p = HermesFormat.parse(answer);
    assertTrue(p.parsed(), p.error());
    assertTrue(ToolMatch.matches(p, Label.ofCalls(calls)));
    assertTrue(
        ToolMatch.matches(
            CompactFormat.answer(Label.ofText("Which city?")), Label.ofText("other words")));
    assertFalse(
        ToolMatch.matches(CompactFormat.answer(Label.ofText("Which city?")), Label.ofCalls(calls)));
  }

  @Test
  void longConversationsKeepTheFirstRequestAndTheLatestTurns() {
    Tokenizer tok = Tokenizer.bytesOnly();
    List<Message> msgs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      msgs.add(Message.user("turn number " + i + " with some padding text"));
    }
    Sample s = new Sample("s", List.of(FLIGHT), msgs, Label.ofText("ok"), null, null);
    CompactFormat.Prompt p = CompactFormat.prompt(tok, s, 160);
    assertTrue(p.truncated());
    assertTrue(p.ids().length <= 160);
    assertEquals(Tokenizer.BOS, p.ids()[0]);
    assertEquals(Tokenizer.ANSWER, p.ids()[p.ids().length - 1]);
    String text = tok.decode(p.ids());
    assertTrue(text.contains("turn number 9"), text);
    assertTrue(text.contains("turn number 0 "), text);
    assertFalse(text.contains("turn number 1 "), text);
    assertTrue(text.indexOf("turn number 0 ") < text.indexOf("turn number 9"), text);
    assertTrue(text.contains("book_flight(to*"), text);
    CompactFormat.Prompt full = CompactFormat.prompt(tok, s, 10_000);
    assertFalse(full.truncated());
  }
}

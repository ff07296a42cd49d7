package dev.looptool.core.llm;

import dev.looptool.core.model.Sample;
import java.util.List;

/**
 * The single-response prompt of seed and expansion validation: is this label a correct next
 * assistant turn? The answer opens with CORRECT or INCORRECT; anything else counts as INCORRECT.
 */
public final class ValidatorPrompt {
  private ValidatorPrompt() {}

  public static final List<String> WORDS = List.of("CORRECT", "INCORRECT");
  public static final String RESPONSE_OPEN = "<response>";
  public static final String RESPONSE_CLOSE = "</response>";

  static final String SYSTEM =
      "You are a meticulous reviewer of tool-calling assistants. You are shown the tools an "
          + "assistant may call, a conversation, and one candidate response for the assistant's next "
          + "turn. Decide whether the response is correct: the right tools, with argument values the "
          + "conversation supports and the schemas allow, or a text answer when no tool fits or a "
          + "required value is missing.";

  public static Prompt build(Sample s) {
    StringBuilder u = new StringBuilder(1024);
    PromptText.toolsAndConversation(u, s.tools(), s.messages());
    PromptText.tagged(u, "Response", RESPONSE_OPEN, PromptText.answer(s.label()), RESPONSE_CLOSE);
    u.append(
        "## Task\nStart your answer with exactly one word, CORRECT or INCORRECT. Then, on the next lines, "
            + "say briefly why.");
    return new Prompt(SYSTEM, u.toString());
  }

  /**
   * The answer: correct only when it opens with CORRECT; the reason is the rest (or the whole
   * answer).
   */
  public record Answer(boolean parsed, boolean correct, String reason) {}

  public static Answer parse(String rawAnswer) {
    LeadingWord.Parsed p = LeadingWord.parse(rawAnswer, WORDS);
    if (!p.ok()) {
      return new Answer(false, false, "unparseable answer: " + abbreviate(p.rest()));
    }
    return new Answer(true, p.word().equals("CORRECT"), p.rest());
  }

  static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 197) + "...";
  }
}

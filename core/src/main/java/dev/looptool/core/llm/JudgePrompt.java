package dev.looptool.core.llm;

import dev.looptool.core.judge.Consensus;
import dev.looptool.core.judge.JudgeRequest;
import dev.looptool.core.judge.RuleTier;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.schema.SchemaChecker;
import dev.looptool.core.schema.Violation;
import java.util.List;

/**
 * The pairwise prompt of Judgement-Guided Label Verification and the parsing of its answer. The
 * judge sees two anonymous responses, A and B, so that asking in both orders exposes position bias;
 * its answer opens with A_WRONG, B_WRONG, BOTH_CORRECT or BOTH_WRONG, which {@link #verdict} maps
 * back to the label and the prediction by the order asked.
 */
public final class JudgePrompt {
  private JudgePrompt() {}

  public static final List<String> WORDS =
      List.of("A_WRONG", "B_WRONG", "BOTH_CORRECT", "BOTH_WRONG");

  static final String SYSTEM =
      "You are a meticulous reviewer of tool-calling assistants. You are shown the tools an "
          + "assistant may call, a conversation, and two candidate responses for the assistant's next "
          + "turn. Decide which responses are correct: a correct response calls the right tools with "
          + "argument values that the conversation supports and the tool schemas allow (or answers in "
          + "text when no tool fits or a required value is missing).";

  /** Marks the two responses so tools (and the fake server) can find them. */
  public static final String A_OPEN = "<response_a>";

  public static final String A_CLOSE = "</response_a>";
  public static final String B_OPEN = "<response_b>";
  public static final String B_CLOSE = "</response_b>";

  /**
   * The prompt for one order ({@link Consensus#LABEL_FIRST} or {@link Consensus#PREDICTION_FIRST}).
   */
  public static Prompt build(JudgeRequest request, RuleTier.Outcome rule, String order) {
    Sample s = request.sample();
    String label = PromptText.answer(s.label());
    String prediction = PromptText.answer(request.prediction(), request.predictionText());
    boolean labelFirst = !Consensus.PREDICTION_FIRST.equals(order);
    String a = labelFirst ? label : prediction;
    String b = labelFirst ? prediction : label;
    StringBuilder u = new StringBuilder(1024);
    PromptText.toolsAndConversation(u, s.tools(), s.messages());
    PromptText.tagged(u, "Response A", A_OPEN, a, A_CLOSE);
    PromptText.tagged(u, "Response B", B_OPEN, b, B_CLOSE);
    if (rule == RuleTier.Outcome.LABEL_WRONG_CANDIDATE) {
      u.append("## Rule check\nResponse ")
          .append(labelFirst ? 'A' : 'B')
          .append(" violates the tool schema: ")
          .append(violations(s, s.label().calls()))
          .append(". Response ")
          .append(labelFirst ? 'B' : 'A')
          .append(" satisfies it.\n\n");
    }
    u.append("## Task\n")
        .append("Start your answer with exactly one of these words:\n")
        .append("A_WRONG - response B is correct and response A is wrong\n")
        .append("B_WRONG - response A is correct and response B is wrong\n")
        .append("BOTH_CORRECT - both responses are acceptable\n")
        .append("BOTH_WRONG - neither response is correct\n")
        .append(
            "Then, on the next lines, give a short error analysis: what exactly is wrong, and why.");
    return new Prompt(SYSTEM, u.toString());
  }

  static String violations(Sample s, List<ToolCall> calls) {
    StringBuilder sb = new StringBuilder();
    for (ToolCall c : calls) {
      for (Violation v : SchemaChecker.check(c, s.tools())) {
        if (sb.length() > 0) {
          sb.append("; ");
        }
        sb.append(c.name()).append(v.pointer()).append(": ").append(v.message());
      }
    }
    return sb.toString();
  }

  /**
   * A parsed answer: the verdict about label and prediction (UNPARSEABLE when no word led) and the
   * analysis.
   */
  public record Answer(Verdict verdict, String analysis) {}

  public static Answer parse(String rawAnswer, String order) {
    LeadingWord.Parsed p = LeadingWord.parse(rawAnswer, WORDS);
    if (!p.ok()) {
      return new Answer(Verdict.UNPARSEABLE, p.rest());
    }
    return new Answer(verdict(p.word(), order), p.rest());
  }

  /** Maps a positional word to the verdict about label and prediction for the order asked. */
  public static Verdict verdict(String word, String order) {
    boolean labelFirst = !Consensus.PREDICTION_FIRST.equals(order);
    switch (word) {
      case "A_WRONG":
        return labelFirst ? Verdict.LABEL_WRONG : Verdict.PRED_WRONG;
      case "B_WRONG":
        return labelFirst ? Verdict.PRED_WRONG : Verdict.LABEL_WRONG;
      case "BOTH_CORRECT":
        return Verdict.BOTH_CORRECT;
      case "BOTH_WRONG":
        return Verdict.BOTH_WRONG;
      default:
        return Verdict.UNPARSEABLE;
    }
  }
}

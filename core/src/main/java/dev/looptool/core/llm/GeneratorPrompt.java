package dev.looptool.core.llm;

import dev.looptool.core.expand.Failure;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.model.Label;

/**
 * The prompt of Error-Driven Data Expansion: the failed sample (tools, conversation, correct and
 * wrong answer, the judge's analysis) and one scenario variation, asking for new samples of the
 * same difficulty with new content, as a JSON array in the product's sample shape.
 */
public final class GeneratorPrompt {
  private GeneratorPrompt() {}

  /** Marks the source sample's JSON so tools (and the fake server) can find it. */
  public static final String SOURCE_OPEN = "<source_sample>";

  public static final String SOURCE_CLOSE = "</source_sample>";

  static final String SYSTEM =
      "You write training data for tool-calling assistants. From one case a model got wrong you "
          + "write new cases that test the same skill just as hard, with different content. Every "
          + "case must be self-consistent: the expected answer must follow from the tools and the "
          + "conversation alone.";

  /** What each variation asks for (LOOPTOOL.md, step 5). */
  public static String describe(ScenarioVariation v) {
    switch (v) {
      case COMPLEXITY:
        return "Vary the complexity: turn a simple request into a multi-step one or the reverse, use more parameters, or add edge cases.";
      case USER_PERSONA:
        return "Vary the user persona: a novice or an expert, a business or a technical user, with the vocabulary that goes with it.";
      case INTERACTION_STYLE:
        return "Vary the interaction style: different phrasing and flow, a single turn instead of several or the reverse.";
      case DATA_VARIATION:
        return "Vary the data: other types, ranges, formats, currencies, units and naming in the argument values.";
      default:
        throw new IllegalArgumentException("unknown variation " + v);
    }
  }

  public static Prompt build(Failure f, ScenarioVariation variation, int attempt, int count) {
    StringBuilder u = new StringBuilder(2048);
    PromptText.tagged(
        u,
        "The case the model got wrong",
        SOURCE_OPEN,
        SampleJson.toJson(f.sample().withLabel(f.correct(), f.sample().provenance())),
        SOURCE_CLOSE);
    PromptText.toolsAndConversation(u, f.sample().tools(), f.sample().messages());
    u.append("## Correct answer\n").append(PromptText.answer(f.correct())).append("\n\n");
    u.append("## Wrong answer (")
        .append(f.verdict() == null ? "rejected" : f.verdict().name())
        .append(")\n")
        .append(PromptText.answer(f.wrong() == null ? Label.ofText("") : f.wrong()))
        .append("\n\n");
    if (f.analysis() != null && !f.analysis().isBlank()) {
      u.append("## Why it is wrong\n").append(f.analysis().strip()).append("\n\n");
    }
    u.append("## Scenario variation\n").append(describe(variation)).append("\n\n");
    u.append("## Task\n")
        .append("Write ")
        .append(count)
        .append(count == 1 ? " new case" : " new cases")
        .append(" (attempt ")
        .append(attempt)
        .append(") that keep the difficulty and the kind of mistake to avoid, ")
        .append(
            "but change the content as the variation says. Answer with a JSON array only, one object per case:\n")
        .append("[{\"messages\": [{\"role\": \"user\", \"content\": \"...\"}, ...], ")
        .append("\"label\": {\"calls\": [{\"name\": \"...\", \"arguments\": {...}}]}}]\n")
        .append(
            "Use {\"label\": {\"text\": \"...\"}} when the right answer is text (a clarifying question or a refusal). ")
        .append(
            "Add a \"tools\" array (OpenAI function specs) only when the case needs tools other than the ones above. ")
        .append("The conversation must end with a user or tool turn.");
    return new Prompt(SYSTEM, u.toString());
  }
}

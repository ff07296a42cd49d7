package dev.looptool.core.llm;

import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.ToolSpec;
import java.util.List;

/**
 * The pieces every role prompt shows a model: tools, conversation and answers, in the Hermes
 * format.
 */
public final class PromptText {
  private PromptText() {}

  /** Appends the "## Tools" and "## Conversation" sections every sample prompt opens with. */
  public static void toolsAndConversation(
      StringBuilder u, List<ToolSpec> tools, List<Message> messages) {
    u.append("## Tools\n").append(tools(tools)).append("\n\n");
    u.append("## Conversation\n").append(conversation(messages)).append("\n\n");
  }

  /** Appends a section "## heading" quoting {@code text} between the tags open and close. */
  public static void tagged(
      StringBuilder u, String heading, String open, String text, String close) {
    u.append("## ")
        .append(heading)
        .append('\n')
        .append(open)
        .append('\n')
        .append(text)
        .append('\n')
        .append(close)
        .append("\n\n");
  }

  /** Tools one JSON per line, as the policy itself sees them. */
  public static String tools(List<ToolSpec> tools) {
    if (tools.isEmpty()) {
      return "(no tools are offered)";
    }
    StringBuilder sb = new StringBuilder();
    for (ToolSpec t : tools) {
      sb.append(HermesFormat.toolJson(t)).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  /** The conversation as ChatML turns, the system text (if any) first. */
  public static String conversation(List<Message> messages) {
    StringBuilder sb = new StringBuilder();
    if (!messages.isEmpty()
        && messages.get(0).role() == Role.SYSTEM
        && messages.get(0).content() != null) {
      sb.append(HermesFormat.IM_START)
          .append("system\n")
          .append(messages.get(0).content())
          .append(HermesFormat.IM_END)
          .append('\n');
    }
    sb.append(HermesFormat.conversation(messages));
    return sb.toString();
  }

  /** A label as an assistant turn: its text and call blocks. */
  public static String answer(Label label) {
    String s = HermesFormat.assistantText(label.text(), label.calls());
    return s.isEmpty() ? "(empty answer)" : s;
  }

  /** A model's prediction: its parsed calls and text, or the raw text and why it did not parse. */
  public static String answer(ParsedOutput prediction, String raw) {
    if (prediction.parsed()) {
      String s = HermesFormat.assistantText(prediction.text(), prediction.calls());
      return s.isEmpty() ? "(empty answer)" : s;
    }
    return HermesFormat.stripThinking(raw).strip()
        + "\n(this answer is malformed: "
        + prediction.error()
        + ")";
  }
}

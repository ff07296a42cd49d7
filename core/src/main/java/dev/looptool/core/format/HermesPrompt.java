package dev.looptool.core.format;

import dev.looptool.core.io.FormatException;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back a prompt that {@link HermesFormat#prompt} rendered: the tools from the system turn's
 * {@code <tools>} block and the conversation's messages, so a server that is sent the text can
 * decode the sample it came from. Tool results get the names of the preceding calls by position
 * (the text carries no call ids).
 */
public final class HermesPrompt {
  private HermesPrompt() {}

  /** What a prompt holds: the tools offered and the messages so far. */
  public record Conversation(List<ToolSpec> tools, List<Message> messages) {}

  static final String OPEN_ANSWER = HermesFormat.IM_START + "assistant\n";

  /**
   * Parses a prompt ending in the open assistant turn.
   *
   * @throws FormatException (field {@code prompt}) when the text is not such a prompt
   */
  public static Conversation parse(String prompt) throws FormatException {
    if (prompt == null || !prompt.endsWith(OPEN_ANSWER)) {
      throw new FormatException(
          "prompt", "must end in the open assistant turn '<|im_start|>assistant\\n'");
    }
    String turns = prompt.substring(0, prompt.length() - OPEN_ANSWER.length());
    List<Message> messages = new ArrayList<>();
    List<ToolSpec> tools = new ArrayList<>();
    try {
      LoopToolRecords.parseConversation(turns, messages);
      if (!messages.isEmpty() && messages.get(0).role() == Role.SYSTEM) {
        String content = messages.get(0).content();
        // The system turn is the user's system text followed by the tools block, as rendered.
        String system = LoopToolRecords.splitInstruction(content, tools, Json.object());
        messages.remove(0);
        if (system != null) {
          messages.add(0, Message.system(system));
        }
      }
    } catch (FormatException e) {
      throw new FormatException("prompt", e.field() + ": " + e.getMessage());
    }
    return new Conversation(tools, messages);
  }
}

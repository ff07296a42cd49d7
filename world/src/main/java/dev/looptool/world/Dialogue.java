package dev.looptool.world;

import dev.looptool.core.agent.DialoguePlan;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import java.util.List;

/**
 * A simulated dialogue: its plan, every message, and each assistant turn of the plan with the
 * context it answered (messages before {@code contextEnd}), what the assistant said, and the true
 * answer.
 */
public record Dialogue(DialoguePlan plan, List<Message> messages, List<Turn> turns) {
  public Dialogue {
    messages = List.copyOf(messages);
    turns = List.copyOf(turns);
  }

  /** One assistant turn: the context end index, the answer given, and the true label. */
  public record Turn(int contextEnd, Message answer, Label truth) {}
}

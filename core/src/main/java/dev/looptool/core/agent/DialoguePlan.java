package dev.looptool.core.agent;

import java.util.List;

/**
 * What the planner decided for one dialogue: its shape and domain, the user's persona, the tools
 * offered (needed ones and distractors, in prompt order) and the assistant turns it intends. For a
 * no-tool dialogue, {@code unservedRequest} says what the user asks that no offered tool serves.
 */
public record DialoguePlan(
    Shape shape,
    String domain,
    String persona,
    List<String> offeredTools,
    List<PlannedTurn> turns,
    String unservedRequest) {
  public DialoguePlan {
    offeredTools = List.copyOf(offeredTools);
    turns = List.copyOf(turns);
  }
}

package dev.looptool.core.agent;

import dev.looptool.core.model.Message;
import dev.looptool.core.model.ToolSpec;
import java.util.List;

/**
 * What the assistant agent answers: the offered tools and the conversation so far; the plan and the
 * turn index guide a simulated or LLM assistant toward the intended answer.
 */
public record AssistantTurn(
    List<ToolSpec> tools, List<Message> conversation, DialoguePlan plan, int turnIndex, long seed) {
  public AssistantTurn {
    tools = List.copyOf(tools);
    conversation = List.copyOf(conversation);
  }
}

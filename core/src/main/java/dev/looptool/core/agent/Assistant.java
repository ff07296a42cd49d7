package dev.looptool.core.agent;

import dev.looptool.core.model.Message;

/** The assistant agent: answers a turn with tool calls or text (an assistant {@link Message}). */
public interface Assistant {
  Message answer(AssistantTurn turn) throws Exception;
}

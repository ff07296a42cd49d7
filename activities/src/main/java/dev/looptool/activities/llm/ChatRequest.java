package dev.looptool.activities.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.llm.Prompt;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.ToolSpec;
import java.util.List;

/**
 * One chat completion request: the conversation, the tools offered for native tool calling (may be
 * empty), sampling that overrides the endpoint's (null: the endpoint's) and extra body fields.
 */
public record ChatRequest(
    List<Message> messages, List<ToolSpec> tools, SamplingParams sampling, ObjectNode extraBody) {
  public ChatRequest {
    messages = List.copyOf(messages);
    tools = tools == null ? List.of() : List.copyOf(tools);
  }

  /** A role prompt as a system and a user turn, no tools. */
  public static ChatRequest of(Prompt prompt, SamplingParams sampling) {
    return new ChatRequest(
        List.of(Message.system(prompt.system()), Message.user(prompt.user())),
        List.of(),
        sampling,
        null);
  }
}

package dev.looptool.activities.llm.agents;

import dev.looptool.activities.llm.ChatRequest;
import dev.looptool.activities.llm.ChatResult;
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.agent.Assistant;
import dev.looptool.core.agent.AssistantTurn;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.format.ParsedOutput;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.model.Message;
import java.util.concurrent.ExecutionException;

/**
 * The assistant agent played by a model with native tool calling: the conversation and the offered
 * tools go to the chat endpoint as they are. Calls come from the response's {@code tool_calls}, or,
 * for servers without a tool parser, from Hermes blocks in its text; anything else is a text
 * answer, kept as the model wrote it so that verification sees what it really said.
 */
public record LlmAssistant(OpenAiClient client, SamplingParams sampling) implements Assistant {
  @Override
  public Message answer(AssistantTurn turn) throws Exception {
    SamplingParams s = sampling == null ? null : sampling.withSeed(turn.seed());
    ChatResult r;
    try {
      r = client.chat(new ChatRequest(turn.conversation(), turn.tools(), s, null)).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
    return toMessage(r);
  }

  /**
   * An assistant message from a chat result: native calls, else Hermes calls in the text, else the
   * text.
   */
  public static Message toMessage(ChatResult r) {
    if (!r.toolCalls().isEmpty()) {
      return Message.assistant(r.toolCalls());
    }
    if (r.toolCallError() != null) {
      return Message.assistant("(malformed tool call: " + r.toolCallError() + ") " + r.content());
    }
    ParsedOutput p = HermesFormat.parse(r.content());
    if (p.parsed() && !p.calls().isEmpty()) {
      return Message.assistant(p.calls());
    }
    return Message.assistant(HermesFormat.stripThinking(r.content()).strip());
  }
}

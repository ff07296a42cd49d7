package dev.looptool.activities.llm.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.agent.ToolAgent;
import dev.looptool.core.llm.AgentPrompts;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;

/**
 * The tool agent played by a model: it returns a JSON result for a call, re-asked (told what was
 * wrong) while the result is not JSON or misses the tool's result schema.
 */
public final class LlmToolAgent implements ToolAgent {
  private final OpenAiClient client;
  private final SamplingParams sampling;
  private final int attempts;

  public LlmToolAgent(OpenAiClient client, SamplingParams sampling, int attempts) {
    this.client = client;
    this.sampling = sampling;
    this.attempts = Math.max(1, attempts);
  }

  @Override
  public JsonNode respond(ToolSpec tool, ToolCall call, long seed) throws Exception {
    return Reasking.ask(
        client,
        sampling,
        seed,
        attempts,
        problem -> AgentPrompts.tool(tool, call, problem),
        answer -> AgentPrompts.parseToolResult(answer, tool),
        "tool");
  }
}

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
  private final Reasking model;

  public LlmToolAgent(OpenAiClient client, SamplingParams sampling, int attempts) {
    this.model = new Reasking(client, sampling, attempts, "tool");
  }

  @Override
  public JsonNode respond(ToolSpec tool, ToolCall call, long seed) throws Exception {
    return model.ask(
        seed,
        problem -> AgentPrompts.tool(tool, call, problem),
        answer -> AgentPrompts.parseToolResult(answer, tool));
  }
}

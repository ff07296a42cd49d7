package dev.looptool.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;

/** The tool agent: plays a tool, returning a result that satisfies the tool's result schema. */
public interface ToolAgent {
  JsonNode respond(ToolSpec tool, ToolCall call, long seed) throws Exception;
}

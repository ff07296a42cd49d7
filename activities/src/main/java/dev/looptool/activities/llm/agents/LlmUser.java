package dev.looptool.activities.llm.agents;

import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.agent.User;
import dev.looptool.core.agent.UserTurn;
import dev.looptool.core.llm.AgentPrompts;
import dev.looptool.core.llm.SamplingParams;

/** The user agent played by a model: voices the plan's request, or supplies the value asked for. */
public final class LlmUser implements User {
  private final OpenAiClient client;
  private final SamplingParams sampling;
  private final int attempts;

  public LlmUser(OpenAiClient client, SamplingParams sampling, int attempts) {
    this.client = client;
    this.sampling = sampling;
    this.attempts = Math.max(1, attempts);
  }

  @Override
  public String say(UserTurn turn) throws Exception {
    return Reasking.ask(
        client,
        sampling,
        turn.seed(),
        attempts,
        problem -> AgentPrompts.user(turn),
        AgentPrompts::parseUser,
        "user");
  }
}

package dev.looptool.activities.llm.agents;

import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.agent.User;
import dev.looptool.core.agent.UserTurn;
import dev.looptool.core.llm.AgentPrompts;
import dev.looptool.core.llm.SamplingParams;

/** The user agent played by a model: voices the plan's request, or supplies the value asked for. */
public final class LlmUser implements User {
  private final Reasking model;

  public LlmUser(OpenAiClient client, SamplingParams sampling, int attempts) {
    this.model = new Reasking(client, sampling, attempts, "user");
  }

  @Override
  public String say(UserTurn turn) throws Exception {
    return model.ask(turn.seed(), problem -> AgentPrompts.user(turn), AgentPrompts::parseUser);
  }
}

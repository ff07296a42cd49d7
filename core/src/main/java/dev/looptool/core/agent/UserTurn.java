package dev.looptool.core.agent;

import dev.looptool.core.model.Message;
import java.util.List;

/**
 * What the user agent is asked to say: the opening request of the plan, or the value the assistant
 * asked for ({@code turnIndex} names the planned turn whose {@code askFor} is answered).
 */
public record UserTurn(
    Kind kind, DialoguePlan plan, int turnIndex, List<Message> history, long seed) {
  public UserTurn {
    history = List.copyOf(history);
  }

  /** The step kinds a user voices. */
  public enum Kind {
    /** The opening request that the whole plan serves. */
    REQUEST,
    /** The answer to a clarifying question. */
    SUPPLY_VALUE
  }
}

package dev.looptool.activities.llm.agents;

/**
 * A dialogue agent's model kept answering something that could not be used (after re-asking): the
 * dialogue is rejected with this reason rather than built on a bad answer.
 */
public final class UnusableAnswerException extends Exception {
  public UnusableAnswerException(String message) {
    super(message);
  }
}

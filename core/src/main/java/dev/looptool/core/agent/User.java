package dev.looptool.core.agent;

/** The user agent: voices each step of a plan as a user message text. */
public interface User {
  String say(UserTurn turn) throws Exception;
}

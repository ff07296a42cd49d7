package dev.looptool.core.llm;

import dev.looptool.core.store.Sha256;

/**
 * A two-turn chat prompt (system, user) for one judge, validator or generator call; its sha256 is
 * what a vote records so a verdict can be traced to the exact text the model saw.
 */
public record Prompt(String system, String user) {
  public String sha256() {
    return Sha256.of(system + "\u0000" + user);
  }
}

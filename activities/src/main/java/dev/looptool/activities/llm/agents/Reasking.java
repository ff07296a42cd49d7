package dev.looptool.activities.llm.agents;

import dev.looptool.activities.llm.ChatRequest;
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.llm.Prompt;
import dev.looptool.core.llm.SamplingParams;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * One role's model, asked a prompt whose answer is parsed, and re-asked with the next seed while
 * the answer is unusable: what the model-played planner, user and tool agents share.
 */
final class Reasking {
  private final OpenAiClient client;
  private final SamplingParams sampling;
  private final int attempts;
  private final String role;

  /** {@code attempts} below 1 count as 1; {@code role} names the model in the final error. */
  Reasking(OpenAiClient client, SamplingParams sampling, int attempts, String role) {
    this.client = client;
    this.sampling = sampling == null ? new SamplingParams(null, null, null, null, null) : sampling;
    this.attempts = Math.max(1, attempts);
    this.role = role;
  }

  /** Parses an answer or says why it is unusable. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(String answer) throws FormatException;
  }

  /**
   * The first usable answer; {@code prompt} gets null on the first attempt, then what was wrong
   * with the previous answer.
   */
  <T> T ask(long seed, Function<String, Prompt> prompt, Parser<T> parser) throws Exception {
    String problem = null;
    for (int a = 0; a < attempts; a++) {
      SamplingParams s = sampling.withSeed(seed + a);
      String answer;
      try {
        answer = client.chat(ChatRequest.of(prompt.apply(problem), s)).get().content();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
      }
      try {
        return parser.parse(answer);
      } catch (FormatException e) {
        problem = e.field() + ": " + e.getMessage();
      }
    }
    throw new UnusableAnswerException(
        "the "
            + role
            + " model gave no usable answer in "
            + attempts
            + " attempts; last problem: "
            + problem);
  }
}

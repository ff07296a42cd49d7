package dev.looptool.activities.llm.agents;

import dev.looptool.activities.llm.ChatRequest;
import dev.looptool.activities.llm.OpenAiClient;
import dev.looptool.core.io.FormatException;
import dev.looptool.core.llm.Prompt;
import dev.looptool.core.llm.SamplingParams;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Asks a role prompt and parses the answer, re-asking with the next seed while the answer is
 * unusable.
 */
final class Reasking {
  private Reasking() {}

  /** Parses an answer or says why it is unusable. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(String answer) throws FormatException;
  }

  static <T> T ask(
      OpenAiClient client,
      SamplingParams sampling,
      long seed,
      int attempts,
      Function<String, Prompt> prompt,
      Parser<T> parser,
      String role)
      throws Exception {
    String problem = null;
    for (int a = 0; a < attempts; a++) {
      SamplingParams s =
          (sampling == null ? new SamplingParams(null, null, null, null, null) : sampling)
              .withSeed(seed + a);
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

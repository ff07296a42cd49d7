package dev.looptool.activities.llm;

import dev.looptool.core.judge.Consensus;
import dev.looptool.core.judge.ResponseValidator;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.judge.Vote;
import dev.looptool.core.llm.Prompt;
import dev.looptool.core.llm.SamplingParams;
import dev.looptool.core.llm.ValidatorPrompt;
import dev.looptool.core.model.Sample;
import dev.looptool.core.validate.SampleValidator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The two-tier validation of seed and expansion samples: the rule checks first (a sample that
 * breaks them costs no call), then a single-response judge answering CORRECT or INCORRECT. The vote
 * it records carries BOTH_CORRECT for CORRECT, LABEL_WRONG for INCORRECT and UNPARSEABLE for
 * anything else (which counts as incorrect).
 */
public record LlmResponseValidator(String voterId, OpenAiClient client, SamplingParams sampling)
    implements ResponseValidator {
  @Override
  public Result validate(Sample sample, int iteration) throws Exception {
    try {
      return validateAsync(sample).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  public CompletableFuture<Result> validateAsync(Sample sample) {
    List<SampleValidator.Problem> problems = SampleValidator.validate(sample);
    if (!problems.isEmpty()) {
      return CompletableFuture.completedFuture(new Result(false, "rule check: " + problems, null));
    }
    Prompt prompt = ValidatorPrompt.build(sample);
    return Futures.map(
        client.chat(ChatRequest.of(prompt, sampling)),
        res -> {
          ValidatorPrompt.Answer a = ValidatorPrompt.parse(res.content());
          Verdict v =
              !a.parsed()
                  ? Verdict.UNPARSEABLE
                  : a.correct() ? Verdict.BOTH_CORRECT : Verdict.LABEL_WRONG;
          Vote vote =
              new Vote(
                  voterId,
                  Consensus.SINGLE,
                  prompt.sha256(),
                  LlmJudge.samplingRecord(client, sampling),
                  res.content(),
                  v,
                  a.reason());
          return new Result(a.correct(), a.reason(), vote);
        });
  }
}

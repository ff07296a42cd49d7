package dev.looptool.core.judge;

/**
 * Decides for a mismatch whether the prediction or the label is wrong. Implementations: the
 * simulated judge of the synthetic world, and LLM judges behind OpenAI-compatible endpoints. An
 * unparseable answer is an UNPARSEABLE vote, never an exception; exceptions mean the judge could
 * not be reached and the call may be retried.
 */
public interface Judge {
  Judgement judge(JudgeRequest request) throws Exception;
}

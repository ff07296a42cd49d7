package dev.looptool.core.judge;

import dev.looptool.core.model.Sample;

/**
 * The single-response judge of seed and expansion validation: is this sample's label a correct
 * answer to its conversation (CORRECT/INCORRECT)?
 */
public interface ResponseValidator {

  /** The validator's answer; {@code correct} false also when the answer could not be parsed. */
  record Result(boolean correct, String reason, Vote vote) {}

  Result validate(Sample sample, int iteration) throws Exception;
}

package dev.looptool.policy.train;

import dev.looptool.core.model.Sample;

/** A sample encoded for the small model: its prompt ids and its answer ids (without EOS). */
public record Example(
    Sample sample, int[] prompt, int[] answer, boolean promptTruncated, boolean answerTruncated) {}

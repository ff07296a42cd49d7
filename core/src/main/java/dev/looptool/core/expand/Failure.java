package dev.looptool.core.expand;

import dev.looptool.core.judge.Verdict;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Sample;

/**
 * A verified failure that expansion learns from: the sample (with its corrected label), the correct
 * answer and the wrong one, the verdict that established which is which, and the judge's analysis.
 */
public record Failure(
    Sample sample, Label correct, Label wrong, Verdict verdict, String analysis, int iteration) {}

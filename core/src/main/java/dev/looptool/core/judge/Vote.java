package dev.looptool.core.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One judge answer, recorded whole: who voted, in which order label and prediction were shown
 * ({@code label-first}, {@code prediction-first}, or {@code single}), the sha256 of the prompt, the
 * sampling parameters, the raw answer, and the verdict and analysis parsed from it.
 */
public record Vote(
    String voter,
    String order,
    String promptSha256,
    ObjectNode sampling,
    String rawAnswer,
    Verdict verdict,
    String analysis) {}

package dev.looptool.workflows.loop;

import java.util.Map;

/**
 * What one iteration did and measured: D_j (size, label purity), training, probing, verdicts,
 * correction, expansion, the composition of D_{j+1}, and held-out accuracy of π_j.
 */
public record IterationSummary(
    int iteration,
    long trainCount,
    Double trainPurity,
    long trainSteps,
    double trainLoss,
    double trainReward,
    long mastered,
    long mismatched,
    double meanPpl,
    long unparseable,
    Map<String, Long> verdicts,
    long consensus,
    long corrected,
    long quarantined,
    long failures,
    long generated,
    long validated,
    long rejectedExpansions,
    long nextErrorSet,
    long nextExpansions,
    long nextHighPpl,
    long nextSeedNew,
    long nextCount,
    Double nextPurity,
    double accuracy,
    Map<String, Double> accuracyByShape) {}

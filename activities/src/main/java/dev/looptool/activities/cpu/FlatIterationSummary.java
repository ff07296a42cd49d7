package dev.looptool.activities.cpu;

import dev.looptool.workflows.loop.IterationSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One iteration as {@code summary.json} writes it: the flat field list (names, order, values) that
 * file has always had, read from the composed {@link IterationSummary}. {@code summary.json} is a
 * user-facing format, so it changes only by adding fields here, whatever the payloads become.
 */
record FlatIterationSummary(
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
    Map<String, Double> accuracyByShape,
    Double trainInformativeShare) {

  static List<FlatIterationSummary> of(List<IterationSummary> iterations) {
    return iterations.stream().map(FlatIterationSummary::of).toList();
  }

  static FlatIterationSummary of(IterationSummary s) {
    return new FlatIterationSummary(
        s.iteration(),
        s.train().count(),
        s.train().purity(),
        s.trained().steps(),
        s.trained().finalLoss(),
        s.trained().meanReward(),
        s.probe().mastered(),
        s.probe().mismatched(),
        s.meanPpl(),
        s.probe().unparseable(),
        // Sorted, as the file always had them.
        new TreeMap<>(s.verification().judge().verdicts()),
        s.verification().judge().consensus(),
        s.verification().correction().corrected(),
        s.quarantined(),
        s.expansion().failures(),
        s.expansion().generated(),
        s.expansion().validated(),
        s.expansion().rejected(),
        s.composition().errorSet(),
        s.composition().expansions(),
        s.composition().highPpl(),
        s.composition().seedNew(),
        s.next().count(),
        s.next().purity(),
        s.eval().accuracy(),
        new TreeMap<>(s.eval().byShape()),
        s.trained().informativeShare());
  }
}

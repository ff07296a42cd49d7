package dev.looptool.workflows.stages;

/** ES size, labels replaced, samples quarantined (BOTH_WRONG), mismatches judged BOTH_CORRECT. */
public record CorrectResult(
    long errorSet, long corrected, long quarantined, long bothCorrect, long failures) {}

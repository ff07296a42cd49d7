package dev.looptool.workflows.stages;

/**
 * Apply the verdicts of all judge shards (or, without JGLV, keep every mismatch's label): writes ES
 * (judged errors with corrected labels) and the quarantined samples of iteration {@code iteration}.
 */
public record CorrectRequest(String runId, int iteration, int shards, boolean noJglv) {}

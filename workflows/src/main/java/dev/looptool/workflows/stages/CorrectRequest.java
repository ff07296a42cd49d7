package dev.looptool.workflows.stages;

/**
 * Apply the verdicts of all judge shards (or, without JGLV, keep every mismatch's label): writes ES
 * (judged errors with corrected labels) and the quarantined samples of the shards' iteration.
 */
public record CorrectRequest(ShardSet shards, boolean noJglv) {}

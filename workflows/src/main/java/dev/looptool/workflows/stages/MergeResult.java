package dev.looptool.workflows.stages;

/**
 * D_{j+1} (key, size, label purity against the world's truth, null without truth), its composition,
 * where the seed cursor now stands, and how many samples were quarantined this iteration.
 */
public record MergeResult(
    Dataset next, Composition composition, long seedCursor, long quarantined) {}

package dev.looptool.workflows.stages;

/**
 * A dataset in the run's store: its key, how many samples it holds, and its label purity against
 * the world's truth ({@code null} when unknown: user data, or no truth for these samples).
 */
public record Dataset(String key, long count, Double purity) {}

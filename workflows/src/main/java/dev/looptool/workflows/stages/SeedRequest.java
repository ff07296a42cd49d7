package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.RunSpec;

/** Build the run's seed data (world or user files) and D_1. */
public record SeedRequest(String runId, RunSpec spec) {}

package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.RunSpec;

/**
 * Record an experiment's arm run: its manifest under {@code runs/<runId>/} names the arm's spec and
 * the experiment whose seed data and π_0 it starts from.
 */
public record ArmRequest(String experimentId, String runId, String arm, RunSpec spec) {}

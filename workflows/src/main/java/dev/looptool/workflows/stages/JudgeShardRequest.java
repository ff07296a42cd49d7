package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.JudgeSpec;

/** Judge the mismatches of probe shard {@code shard} of iteration {@code iteration}. */
public record JudgeShardRequest(
    String runId, int iteration, int shard, String truthKey, JudgeSpec judge) {}

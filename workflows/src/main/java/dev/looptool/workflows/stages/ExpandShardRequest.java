package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.GeneratorSpec;
import dev.looptool.workflows.spec.JudgeSpec;

/**
 * Expand the verified failures of judge shard {@code shard} (k samples each, validated by rules and
 * the single-response judge), or repeat them k times when {@code noEdde}.
 */
public record ExpandShardRequest(
    String runId,
    int iteration,
    int shard,
    String truthKey,
    GeneratorSpec generator,
    JudgeSpec validator,
    boolean noEdde,
    long seed,
    boolean noJglv) {}

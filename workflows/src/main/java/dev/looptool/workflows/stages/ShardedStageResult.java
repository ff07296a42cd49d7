package dev.looptool.workflows.stages;

/**
 * What a {@code LoopToolStage} child workflow returns: the summed totals of its stage, the others
 * null. Small whatever the shard count, so the loop's history does not grow with the data.
 */
public record ShardedStageResult(ProbeTotals probe, JudgeTotals judge, ExpandTotals expand) {}

package dev.looptool.workflows.stages;

import java.util.Map;

/**
 * Verdict counts of one judge shard (rule-settled mismatches included), and how many had consensus.
 */
public record JudgeShardResult(
    int shard, long mismatches, long ruleSettled, Map<String, Long> verdicts, long consensus) {}

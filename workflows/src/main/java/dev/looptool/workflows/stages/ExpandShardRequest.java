package dev.looptool.workflows.stages;

import dev.looptool.workflows.spec.GeneratorSpec;
import dev.looptool.workflows.spec.JudgeSpec;

/**
 * Expand the verified failures of one judge shard (k samples each, validated by rules and the
 * single-response judge), or repeat them k times when {@code noEdde}; without JGLV the failures are
 * the probe shard's mismatches.
 */
public record ExpandShardRequest(
    ShardRef shard,
    String truthKey,
    GeneratorSpec generator,
    JudgeSpec validator,
    boolean noEdde,
    long seed,
    boolean noJglv) {
  /** The same request for {@code other}. */
  public ExpandShardRequest forShard(ShardRef other) {
    return new ExpandShardRequest(other, truthKey, generator, validator, noEdde, seed, noJglv);
  }
}

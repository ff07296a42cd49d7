package dev.looptool.workflows.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How the run executes: samples per shard, shards in flight at once, stage timeouts, the heartbeat
 * timeout that tells how soon a dead worker is noticed, and whether search attributes are upserted
 * (the server must have LoopIteration, LoopStage, LoopAccuracy registered).
 */
public record ExecutionSpec(
    Integer shardSize,
    Integer maxParallelShards,
    Integer trainTimeoutMinutes,
    Integer stageTimeoutMinutes,
    Integer heartbeatSeconds,
    Boolean searchAttributes)
    implements Defaultable<ExecutionSpec> {
  static final ObjectNode DEFAULTS =
      SpecDefaults.document()
          .put("shardSize", 256)
          .put("maxParallelShards", 4)
          .put("trainTimeoutMinutes", 24 * 60)
          .put("stageTimeoutMinutes", 6 * 60)
          .put("heartbeatSeconds", 20)
          .put("searchAttributes", true);

  @Override
  public ExecutionSpec withDefaults() {
    return SpecDefaults.fill(this, DEFAULTS);
  }

  /**
   * Problems of this spec after {@link #withDefaults()}, each prefixed with {@code path}, the field
   * that holds it ({@code execution} in a run spec); empty when valid.
   */
  public List<String> problems(String path) {
    List<String> p = new ArrayList<>();
    if (shardSize < 1) {
      p.add(path + ".shardSize: must be at least 1");
    }
    if (maxParallelShards < 1) {
      p.add(path + ".maxParallelShards: must be at least 1");
    }
    if (heartbeatSeconds < 1) {
      p.add(path + ".heartbeatSeconds: must be at least 1");
    }
    return p;
  }
}

package dev.looptool.workflows.loop;

import dev.looptool.workflows.stages.ShardedStageRequest;
import dev.looptool.workflows.stages.ShardedStageResult;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Locale;

/**
 * One sharded stage (probe, judge or expand) of one LoopTool iteration: workflow type {@code
 * LoopToolStage}, a child of the {@code LoopTool} run on the same task queue, with the id {@link
 * #workflowId}. It runs the stage's shard activities in a sliding window and returns only their
 * summed totals, so the loop's history holds a constant number of events per iteration and only the
 * child's grows with the shard count.
 */
@WorkflowInterface
public interface ShardedStageWorkflow {
  String TYPE = "LoopToolStage";

  @WorkflowMethod(name = TYPE)
  ShardedStageResult run(ShardedStageRequest request);

  /** Shards done of the stage's total; the loop's status names the running child. */
  @QueryMethod(name = "progress")
  ShardProgress progress();

  /** {@code <runId>-i<NN>-<stage>}, e.g. {@code my-run-i03-probe}: one per stage and iteration. */
  static String workflowId(String runId, int iteration, String stage) {
    return String.format(Locale.ROOT, "%s-i%02d-%s", runId, iteration, stage);
  }
}

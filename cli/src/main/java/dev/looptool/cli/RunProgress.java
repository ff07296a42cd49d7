package dev.looptool.cli;

import dev.looptool.workers.Pool;
import dev.looptool.workflows.loop.LoopStatus;
import dev.looptool.workflows.loop.LoopToolWorkflow;
import dev.looptool.workflows.loop.ShardedStageWorkflow;
import dev.looptool.workflows.loop.StageSpan;
import dev.looptool.workflows.stages.StageProgress;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.PendingChildExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a run is moving, read from the server (no workflow worker needed), and, when it is not,
 * what it waits for: a workflow worker, an activity worker of some pool, or the operator's resume.
 */
final class RunProgress {
  private final WorkflowClient client;
  private final RunConnectionOptions connection;
  private final String runId;

  RunProgress(WorkflowClient client, RunConnectionOptions connection, String runId) {
    this.client = client;
    this.connection = connection;
    this.runId = runId;
  }

  /** Equal fingerprints: nothing happened in between (no event, no heartbeat, no new run). */
  record Fingerprint(String currentRun, long historyLength, List<String> pendingActivities) {}

  Fingerprint fingerprint() {
    DescribeWorkflowExecutionResponse d = describe();
    List<String> pending = new ArrayList<>();
    long length = d.getWorkflowExecutionInfo().getHistoryLength();
    List<PendingActivityInfo> activities = new ArrayList<>(d.getPendingActivitiesList());
    for (DescribeWorkflowExecutionResponse c : stageChildren(d)) {
      // A stage child's shards move while the loop's own history waits for the child.
      length += c.getWorkflowExecutionInfo().getHistoryLength();
      pending.add(c.getWorkflowExecutionInfo().getExecution().getWorkflowId());
      activities.addAll(c.getPendingActivitiesList());
    }
    for (PendingActivityInfo a : activities) {
      pending.add(
          a.getActivityId()
              + "/"
              + a.getAttempt()
              + "/"
              + a.getState()
              + "/"
              + a.getLastHeartbeatTime().getSeconds()
              + "."
              + a.getLastHeartbeatTime().getNanos());
    }
    return new Fingerprint(d.getWorkflowExecutionInfo().getExecution().getRunId(), length, pending);
  }

  /** One sentence on what the run waits for, with the command that would unblock it. */
  String whatItWaitsFor() {
    LoopStatus status;
    try {
      status = RunControl.status(client, connection, runId, "");
    } catch (NoWorkflowWorkerException e) {
      return "no workflow worker answered within "
          + connection.queryTimeoutSeconds
          + " s; start one: "
          + connection.workflowWorkerCommand();
    }
    if (status.requests().paused()) {
      return "the run is paused; `looptool resume " + runId + "` resumes it";
    }
    List<String> waits = new ArrayList<>();
    for (PendingActivityInfo a : pendingActivities(describe())) {
      String type = a.getActivityType().getName();
      String pool = Pool.hosting(type).map(p -> p.name().toLowerCase(Locale.ROOT)).orElse("?");
      if (a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED) {
        waits.add(
            "activity "
                + type
                + " (attempt "
                + a.getAttempt()
                + ") waits for a worker of pool "
                + pool
                + ": looptool worker --pool "
                + pool
                + " --temporal "
                + connection.temporal);
      } else {
        waits.add(
            "activity "
                + type
                + " (attempt "
                + a.getAttempt()
                + ") runs on "
                + a.getLastWorkerIdentity()
                + " without a heartbeat since "
                + (a.hasLastHeartbeatTime()
                    ? java.time.Instant.ofEpochSecond(a.getLastHeartbeatTime().getSeconds())
                    : "it started"));
      }
    }
    return waits.isEmpty()
        ? "stage "
            + status.stage()
            + " of iteration "
            + status.iteration()
            + ", no activity pending"
        : String.join("; ", waits);
  }

  /**
   * What the server says of the run now: the current run of the chain and its running activities.
   */
  record Look(String currentRun, List<StageView.Running> running) {}

  Look look() {
    DescribeWorkflowExecutionResponse d = describe();
    return new Look(d.getWorkflowExecutionInfo().getExecution().getRunId(), running(d));
  }

  /** The running activities of a described run, with their last heartbeat (null before one). */
  private List<StageView.Running> running(DescribeWorkflowExecutionResponse d) {
    List<StageView.Running> out = new ArrayList<>();
    DataConverter converter = client.getOptions().getDataConverter();
    for (PendingActivityInfo a : pendingActivities(d)) {
      StageProgress p = null;
      if (a.hasHeartbeatDetails() && a.getHeartbeatDetails().getPayloadsCount() > 0) {
        try {
          p =
              converter.fromPayloads(
                  0,
                  Optional.of(a.getHeartbeatDetails()),
                  StageProgress.class,
                  StageProgress.class);
        } catch (RuntimeException notOurs) {
          // An activity that heartbeats something else shows without progress.
        }
      }
      out.add(new StageView.Running(a.getActivityType().getName(), a.getAttempt(), p));
    }
    return out;
  }

  /** Where the run is, for the screen: its status and its running activities' progress. */
  StageView view(LoopStatus status) {
    return StageView.of(status, look().running());
  }

  /** The stage times of one run of the chain (a closed one is replayed by a workflow worker). */
  List<StageSpan> stages(String run) {
    return client.newWorkflowStub(LoopToolWorkflow.class, runId, Optional.of(run)).stages();
  }

  private DescribeWorkflowExecutionResponse describe() {
    return describe(WorkflowExecution.newBuilder().setWorkflowId(runId).build());
  }

  private DescribeWorkflowExecutionResponse describe(WorkflowExecution execution) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(connection.namespace)
                .setExecution(execution)
                .build());
  }

  /**
   * The running {@code LoopToolStage} children of the described run: the shards of a sharded stage
   * are their activities, not the loop's.
   */
  private List<DescribeWorkflowExecutionResponse> stageChildren(
      DescribeWorkflowExecutionResponse d) {
    List<DescribeWorkflowExecutionResponse> out = new ArrayList<>();
    for (PendingChildExecutionInfo c : d.getPendingChildrenList()) {
      if (!ShardedStageWorkflow.TYPE.equals(c.getWorkflowTypeName())) {
        continue;
      }
      try {
        out.add(
            describe(
                WorkflowExecution.newBuilder()
                    .setWorkflowId(c.getWorkflowId())
                    .setRunId(c.getRunId())
                    .build()));
      } catch (StatusRuntimeException notYet) {
        // initiated but not started yet: no activities to show
      }
    }
    return out;
  }

  /** The pending activities of the described run and of its running stage children. */
  private List<PendingActivityInfo> pendingActivities(DescribeWorkflowExecutionResponse d) {
    List<PendingActivityInfo> out = new ArrayList<>(d.getPendingActivitiesList());
    for (DescribeWorkflowExecutionResponse c : stageChildren(d)) {
      out.addAll(c.getPendingActivitiesList());
    }
    return out;
  }

  static String duration(Duration d) {
    return d.toMinutes() == 0
        ? d.toSeconds() + " s"
        : String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
  }
}

package dev.looptool.workflows.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.workflows.TaskQueues;
import dev.looptool.workflows.experiment.Arm;
import dev.looptool.workflows.experiment.ExperimentResult;
import dev.looptool.workflows.experiment.ExperimentSpec;
import dev.looptool.workflows.experiment.ExperimentWorkflow;
import dev.looptool.workflows.spec.RunSpec;
import dev.looptool.workflows.stages.ArmRequest;
import dev.looptool.workflows.stages.ExperimentReportRequest;
import dev.looptool.workflows.stages.ProbeShardRequest;
import dev.looptool.workflows.stages.TrainRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentWorkflowTest extends RecordedLoopTest {

  private static RunSpec run() {
    return LoopToolHistories.spec("t", 2, null, 200, 2);
  }

  private ExperimentWorkflow stub(String id) {
    return client.newWorkflowStub(
        ExperimentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TaskQueues.WORKFLOW).build());
  }

  @Test
  void armsShareOneSeedAndOneWarmUpAndRunAsChildRuns() {
    List<Arm> arms =
        List.of(
            new Arm("full", Map.of()),
            new Arm("static", Map.of("ablations", Map.of("staticBaseline", true))));
    ExperimentResult r = stub("e").run(new ExperimentSpec("e", run(), arms, 1));

    assertEquals(List.of("e-full", "e-static"), r.arms().stream().map(a -> a.runId()).toList());
    r.arms().forEach(a -> assertEquals(2, a.iterations().size()));
    assertEquals(1, acts.calls.stream().filter(c -> c.equals("PrepareSeed")).count());
    assertEquals(1, acts.calls.stream().filter(c -> c.equals("Train:sft:0")).count());
    // Both arms start GRPO from the experiment's π_0 on the experiment's D_1.
    List<TrainRequest> first =
        acts.requests.stream()
            .filter(q -> q instanceof TrainRequest t && t.iteration() == 1)
            .map(q -> (TrainRequest) q)
            .toList();
    assertEquals(2, first.size());
    for (TrainRequest t : first) {
      assertEquals("runs/e/sft/checkpoint", t.initCheckpoint());
      assertEquals("runs/e/iter-01/train.jsonl", t.trainKey());
      assertTrue(t.outCheckpoint().startsWith("runs/" + t.runId() + "/"), t.outCheckpoint());
    }
    // The static arm trains and evaluates only; the full arm probes.
    List<String> probedRuns =
        acts.requests.stream()
            .filter(q -> q instanceof ProbeShardRequest)
            .map(q -> ((ProbeShardRequest) q).shard().runId())
            .distinct()
            .toList();
    assertEquals(List.of("e-full"), probedRuns);
    assertEquals(
        List.of("full", "static"),
        acts.requests.stream()
            .filter(q -> q instanceof ArmRequest)
            .map(q -> ((ArmRequest) q).arm())
            .sorted()
            .toList());
    ExperimentReportRequest report =
        (ExperimentReportRequest)
            acts.requests.stream()
                .filter(q -> q instanceof ExperimentReportRequest)
                .findFirst()
                .orElseThrow();
    assertEquals("full", report.arms().get(0).arm());
    assertEquals("runs/e/report.html", r.reportKey());
  }

  @Test
  void seedsRepeatTheArmsWithTheirOwnPolicySeed() {
    ExperimentResult r =
        stub("s").run(new ExperimentSpec("s", run(), List.of(new Arm("full", null)), 2));
    assertEquals(List.of("s-full", "s-full-s1"), r.arms().stream().map(a -> a.runId()).toList());
    List<Long> seeds =
        acts.requests.stream()
            .filter(q -> q instanceof ArmRequest)
            .map(q -> ((ArmRequest) q).spec().policy().seed())
            .sorted()
            .toList();
    assertEquals(seeds.get(0) + 1, seeds.get(1));
  }

  @Test
  void anArmThatChangesTheDataIsRefusedBeforeAnythingRuns() {
    List<Arm> arms =
        List.of(
            new Arm("full", Map.of()), new Arm("bigger", Map.of("data", Map.of("initialSize", 9))));
    WorkflowFailedException e =
        assertThrows(
            WorkflowFailedException.class,
            () -> stub("bad").run(new ExperimentSpec("bad", run(), arms, 1)));
    assertTrue(e.getCause().getMessage().contains("arms[1].patch.data"), e.getCause().getMessage());
    assertTrue(acts.calls.isEmpty(), acts.calls.toString());
  }
}

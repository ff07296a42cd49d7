package dev.looptool.activities.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.activities.common.ResumableShard;
import dev.looptool.activities.common.RunFiles;
import dev.looptool.activities.common.StageRecords;
import dev.looptool.core.format.HermesFormat;
import dev.looptool.core.json.Json;
import dev.looptool.core.judge.Judgement;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Origin;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.policy.ProbeResult;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.core.testing.Fixtures;
import dev.looptool.workflows.spec.Ablations;
import dev.looptool.workflows.spec.MergeSpec;
import dev.looptool.workflows.stages.Composition;
import dev.looptool.workflows.stages.CorrectRequest;
import dev.looptool.workflows.stages.CorrectResult;
import dev.looptool.workflows.stages.Dataset;
import dev.looptool.workflows.stages.MergeRequest;
import dev.looptool.workflows.stages.MergeResult;
import dev.looptool.workflows.stages.MergeSchedule;
import dev.looptool.workflows.stages.ShardSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * correct and merge on a hand-made iteration: what they read from the shards, what core's rules
 * make of it, what they write; and a retry rewrites the same bytes.
 */
class CorrectMergeTest {
  private static final RunLayout RUN = new RunLayout("r");
  private static final RunLayout.Iteration IT = RUN.iteration(1);
  private static final ToolCall OSLO = Fixtures.call("get_weather", "{\"city\":\"Oslo\"}");

  @TempDir Path dir;

  private static Sample s(String id, String city, String parent) {
    return new Sample(
        id,
        List.of(Fixtures.weatherTool()),
        List.of(Message.user("Weather in " + city + "?")),
        Label.ofCalls(List.of(Fixtures.call("get_weather", "{\"city\":\"" + city + "\"}"))),
        parent == null ? Provenance.seed() : Provenance.expanded(parent, 1),
        null);
  }

  private static ProbeResult probe(String id, double ppl, boolean mastered) {
    return new ProbeResult(
        id, HermesFormat.callBlock(OSLO), List.of(OSLO), null, 4, -1.0, -0.5, ppl, mastered);
  }

  private static ObjectNode probed(Sample s, double ppl, boolean mastered) {
    return StageRecords.write(new StageRecords.Probed(s, probe(s.id(), ppl, mastered)));
  }

  private static ObjectNode judged(Sample s, double ppl, Verdict v) {
    return StageRecords.write(
        new StageRecords.Judged(
            s,
            probe(s.id(), ppl, false),
            "UNDECIDED",
            new Judgement(s.id(), v, true, "because " + s.id(), List.of())));
  }

  private LocalArtifactStore iteration() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    Sample x1 = s("x1", "Paris", null);
    Sample x2 = s("x2", "Rome", null);
    Sample x3 = s("x3", "Lima", null);
    Sample x4 = s("x4", "Doha", null);
    List<ObjectNode> probes = new ArrayList<>();
    probes.add(probed(s("m1", "Kyiv", null), 2.0, true));
    probes.add(probed(s("m2", "Bern", null), 1.0, true));
    for (Sample x : List.of(x1, x2, x3, x4)) {
      probes.add(probed(x, 1.5, false));
    }
    RunFiles.writeRecords(store, IT.probeShard(0), probes);
    RunFiles.writeRecords(
        store,
        IT.judgeShard(0),
        List.of(
            judged(x1, 1.5, Verdict.PRED_WRONG),
            judged(x2, 1.5, Verdict.LABEL_WRONG),
            judged(x3, 1.5, Verdict.BOTH_WRONG),
            judged(x4, 5.0, Verdict.BOTH_CORRECT)));
    // One new sample, and one that repeats a mastered sample's content.
    RunFiles.writeSamples(
        store, IT.expandShard(0), List.of(s("e1", "Quito", "x1"), s("e2", "Kyiv", "x2")));
    ObjectNode rejected = Json.object().put("reason", "validator: INCORRECT");
    RunFiles.writeRecords(store, IT.expandRejects(0), List.of(rejected));
    List<Sample> pool = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pool.add(s("p" + i, "Town " + i, null));
    }
    RunFiles.writeSamples(store, RUN.seedPool(), pool);
    return store;
  }

  private static List<String> ids(List<Sample> samples) {
    return samples.stream().map(Sample::id).toList();
  }

  @Test
  void correctThenMergeWriteWhatTheRulesSayAndARetryWritesTheSameBytes() throws Exception {
    LocalArtifactStore store = iteration();
    CpuActivitiesImpl cpu = new CpuActivitiesImpl(store, null, null);

    CorrectResult c = cpu.correct(new CorrectRequest(new ShardSet("r", 1, 1), false));
    assertEquals(new CorrectResult(2, 1, 1, 1, 2), c);
    List<Sample> errors = RunFiles.readAll(store, IT.errors());
    assertEquals(List.of("x1", "x2"), ids(errors));
    assertEquals(
        Label.ofCalls(List.of(OSLO)), errors.get(1).label(), "LABEL_WRONG: the prediction");
    assertEquals(Origin.CORRECTED, errors.get(1).provenance().origin());
    List<ObjectNode> bothWrong = ResumableShard.read(store, IT.bothWrong());
    assertEquals(1, bothWrong.size());
    assertEquals("BOTH_WRONG: because x3", bothWrong.get(0).get("reason").asText());

    // B = 5, two fresh seed samples last time: ES 2, SeedNew 1, EE 1, fill 1 (x4, PPL 5.0).
    MergeRequest m =
        new MergeRequest(
            new ShardSet("r", 1, 1),
            new MergeSchedule(RUN.seedPool(), 2, 2, 5),
            null,
            new MergeSpec(0, 0.5),
            new Ablations(false, false, false, false),
            7);
    MergeResult merged = cpu.merge(m);
    assertEquals(
        new MergeResult(
            new Dataset(RUN.iteration(2).train(), 5, null), new Composition(2, 1, 1, 1), 3, 3),
        merged);
    assertEquals(
        List.of("x1", "x2", "e1", "x4", "p2"),
        ids(RunFiles.readAll(store, RUN.iteration(2).train())));
    List<String> reasons =
        ResumableShard.read(store, IT.quarantine()).stream()
            .map(o -> o.get("reason").asText())
            .toList();
    assertEquals(
        List.of(
            "BOTH_WRONG: because x3",
            "duplicate of a sample already in the pool",
            "validator: INCORRECT"),
        reasons);

    Map<String, String> once =
        Map.of(
            IT.errors(), store.sha256(IT.errors()),
            IT.bothWrong(), store.sha256(IT.bothWrong()),
            RUN.iteration(2).train(), store.sha256(RUN.iteration(2).train()),
            IT.quarantine(), store.sha256(IT.quarantine()));
    assertEquals(c, cpu.correct(new CorrectRequest(new ShardSet("r", 1, 1), false)));
    assertEquals(merged, cpu.merge(m));
    for (Map.Entry<String, String> e : once.entrySet()) {
      assertEquals(e.getValue(), store.sha256(e.getKey()), e.getKey() + " changed on retry");
    }
  }
}

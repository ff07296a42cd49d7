package dev.looptool.workflows.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each sub-spec validates its own fields and prefixes every problem with the path it is given, so
 * the same record names its fields right wherever it sits ({@code at} below stands for any path).
 */
class SpecProblemsTest {
  static <T> T read(String json, Class<T> type) throws Exception {
    return SpecDefaultsTest.JSON.readValue(json, type);
  }

  @Test
  void theDefaultsAreValid() {
    assertEquals(List.of(), RunSpec.resolve(null).problems());
  }

  @Test
  void world() throws Exception {
    WorldSpec w =
        read("{\"train\": 1, \"test\": 0, \"tools\": 0, \"noise\": 1.5}", WorldSpec.class)
            .withDefaults();
    assertEquals(
        List.of(
            "at.train: must be at least 2",
            "at.test: must be at least 1",
            "at.tools: must be at least 1",
            "at.noise: must be within [0, 1]"),
        w.problems("at"));
    assertEquals(
        List.of("at.noise: must be within [0, 1]"),
        read("{\"noise\": -0.1}", WorldSpec.class).withDefaults().problems("at"));
  }

  @Test
  void data() throws Exception {
    assertEquals(
        List.of(
            "at.source: must be 'world' or 'files', got 'web'",
            "at.initialSize: must be at least 1",
            "at.warmupSize: must not be negative"),
        read("{\"source\": \"web\", \"initialSize\": 0, \"warmupSize\": -1}", DataSpec.class)
            .withDefaults()
            .problems("at"));
    assertEquals(
        List.of(
            "at.seedFile: required when at.source is 'files'",
            "at.testFile: required when at.source is 'files'"),
        read("{\"source\": \"files\", \"seedFile\": \" \"}", DataSpec.class)
            .withDefaults()
            .problems("at"));
  }

  @Test
  void aFormatIsANameAndOnlyForFiles() throws Exception {
    assertEquals(
        List.of(
            "at.format: must be a format name such as looptool or xlam, got 'X L'",
            "at.testFormat: only applies when at.source is 'files'"),
        read("{\"format\": \"X L\", \"testFormat\": \"bfcl\"}", DataSpec.class)
            .withDefaults()
            .problems("at"));
    DataSpec files =
        read(
                "{\"source\": \"files\", \"seedFile\": \"s\", \"testFile\": \"t\","
                    + " \"format\": \"xlam\"}",
                DataSpec.class)
            .withDefaults();
    assertEquals(List.of(), files.problems("at"));
    assertEquals("xlam", files.testFileFormat());
  }

  @Test
  void dataChecksItsWorldOnlyWhenItIsTheSource() throws Exception {
    assertEquals(
        List.of("at.world.noise: must be within [0, 1]"),
        read("{\"world\": {\"noise\": 2}}", DataSpec.class).withDefaults().problems("at"));
    // A files run's world is kept unfilled and is not its data: nothing to check there.
    assertEquals(
        List.of(),
        read(
                "{\"source\": \"files\", \"seedFile\": \"s\", \"testFile\": \"t\","
                    + " \"world\": {\"noise\": 2}}",
                DataSpec.class)
            .withDefaults()
            .problems("at"));
  }

  @Test
  void policy() throws Exception {
    assertEquals(
        List.of(
            "at.backend: must be 'builtin' or 'external', got 'cloud'",
            "at.groupSize: GRPO needs at least 2 samples per prompt",
            "at.grpoSteps/sftSteps: must not be negative",
            "at.clipLow/clipHigh: must not be negative"),
        read(
                "{\"backend\": \"cloud\", \"groupSize\": 1, \"sftSteps\": -1, \"clipHigh\": -1}",
                PolicySpec.class)
            .withDefaults()
            .problems("at"));
  }

  @Test
  void anExternalPolicyNeedsATrainerCommandAndAServerForEachCheckpoint() throws Exception {
    assertEquals(
        List.of(
            "at.external.command: required when at.backend is 'external'",
            "at.server: required when at.backend is 'external', so that each iteration is probed"
                + " on its own checkpoint: a server per checkpoint (server.command, e.g. vllm"
                + " serve {checkpoint}) or a reload call into at.prober's server"
                + " (server.reload)"),
        read("{\"backend\": \"external\", \"external\": {\"command\": []}}", PolicySpec.class)
            .withDefaults()
            .problems("at"));
    // A fixed prober alone would probe a stale model; with a reload call it is valid.
    assertEquals(
        1,
        read(
                "{\"backend\": \"external\", \"external\": {\"command\": [\"t\"]},"
                    + " \"prober\": {\"model\": \"p\"}}",
                PolicySpec.class)
            .withDefaults()
            .problems("at")
            .size());
    assertEquals(
        List.of(),
        read(
                "{\"backend\": \"external\", \"external\": {\"command\": [\"t\"]},"
                    + " \"prober\": {\"model\": \"p\"}, \"server\": {\"reload\":"
                    + " {\"url\": \"/v1/load_lora_adapter\", \"body\": {\"lora_path\":"
                    + " \"{checkpoint}\"}}}}",
                PolicySpec.class)
            .withDefaults()
            .problems("at"));
  }

  @Test
  void judge() throws Exception {
    assertEquals(
        List.of(
            "at.backend: must be 'simulated' or 'openai', got 'oracle'",
            "at.errorRate: must be within [0, 1]",
            "at.voters: must be at least 1",
            "at.quorum: must be within [1, at.voters]"),
        read(
                "{\"backend\": \"oracle\", \"errorRate\": 1.1, \"voters\": 0, \"quorum\": 1}",
                JudgeSpec.class)
            .withDefaults()
            .problems("at"));
    assertEquals(
        List.of(
            "at.endpoints: at least one endpoint is required when at.backend is 'openai'",
            "at.quorum: must be within [1, at.voters]"),
        read("{\"backend\": \"openai\", \"voters\": 2, \"quorum\": 3}", JudgeSpec.class)
            .withDefaults()
            .problems("at"));
  }

  @Test
  void generator() throws Exception {
    assertEquals(
        List.of(
            "at.endpoints: at least one endpoint is required when at.backend is 'openai'",
            "at.k: must be at least 1",
            "at.scenarioWeights: unknown variation 'TONE'",
            "at.scenarioWeights: weights must be non-negative and not all zero"),
        read(
                "{\"backend\": \"openai\", \"k\": 0,"
                    + " \"scenarioWeights\": {\"TONE\": 1, \"COMPLEXITY\": -1}}",
                GeneratorSpec.class)
            .withDefaults()
            .problems("at"));
    assertEquals(
        List.of("at.scenarioWeights: weights must be non-negative and not all zero"),
        read("{\"scenarioWeights\": {\"COMPLEXITY\": 0}}", GeneratorSpec.class)
            .withDefaults()
            .problems("at"));
  }

  @Test
  void merge() throws Exception {
    assertEquals(
        List.of(
            "at.budget: must not be negative (0 means |D_1|)",
            "at.seedNewRatio: must not be negative"),
        read("{\"budget\": -1, \"seedNewRatio\": -0.5}", MergeSpec.class)
            .withDefaults()
            .problems("at"));
  }

  @Test
  void execution() throws Exception {
    assertEquals(
        List.of(
            "at.shardSize: must be at least 1",
            "at.maxParallelShards: must be at least 1",
            "at.heartbeatSeconds: must be at least 1"),
        read(
                "{\"shardSize\": 0, \"maxParallelShards\": 0, \"heartbeatSeconds\": 0}",
                ExecutionSpec.class)
            .withDefaults()
            .problems("at"));
  }

  @Test
  void theRunSpecCollectsEachSubSpecsProblemsUnderItsFieldName() throws Exception {
    RunSpec bad =
        read(
                """
                {"iterations": 0, "data": {"world": {"train": 1}}, "policy": {"groupSize": 1},
                 "judge": {"voters": 0}, "generator": {"k": 0}, "merge": {"budget": -1},
                 "execution": {"shardSize": 0}}
                """,
                RunSpec.class)
            .withDefaults();
    assertEquals(
        List.of(
            "iterations: must be at least 1",
            "data.world.train: must be at least 2",
            "policy.groupSize: GRPO needs at least 2 samples per prompt",
            "judge.voters: must be at least 1",
            "judge.quorum: must be within [1, judge.voters]",
            "generator.k: must be at least 1",
            "merge.budget: must not be negative (0 means |D_1|)",
            "execution.shardSize: must be at least 1"),
        bad.problems());
  }
}

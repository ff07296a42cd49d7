package dev.looptool.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.looptool.workflows.spec.DataSpec;
import dev.looptool.workflows.spec.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSpecsTest {
  static Path repo() {
    return Path.of(System.getProperty("looptool.repo.root", ".."));
  }

  @Test
  void quickstartIsValidAndFillsDefaults() throws Exception {
    RunSpec s = RunSpecs.load(repo().resolve("examples/quickstart.yaml"));
    assertEquals(3, s.iterations());
    assertEquals(DataSpec.WORLD, s.data().source());
    assertEquals(800, s.data().initialSize());
    assertEquals(10000, s.data().warmupSize());
    assertEquals(0.2, s.policy().clipLow());
    assertEquals(4, s.generator().k());
  }

  @Test
  void theDocumentedSpecIsAValidSpec(@TempDir Path dir) throws Exception {
    String doc = Files.readString(repo().resolve("docs/run-spec.md"));
    int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = doc.substring(start, doc.indexOf("```", start));
    Path f = dir.resolve("documented.yaml");
    // The documented example shows both data sources; as a spec it must name one.
    Files.writeString(f, yaml);
    RunSpec s = RunSpecs.load(f);
    assertEquals(3, s.iterations());
    assertEquals(1, s.judge().endpoints().size());
    assertEquals("LOOPTOOL_JUDGE_API_KEY", s.judge().endpoints().get(0).apiKeyEnv());
    assertEquals(12, s.policy().external().command().size());
  }

  @Test
  void unknownFieldsAndBadValuesNameFileLineAndField(@TempDir Path dir) throws Exception {
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "iterations: 2\npolicy:\n  grpoStep: 10\n");
    RunSpecs.InvalidSpecException e =
        assertThrows(RunSpecs.InvalidSpecException.class, () -> RunSpecs.load(typo));
    assertTrue(e.getMessage().startsWith(typo + ":3: policy.grpoStep: "), e.getMessage());

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "judge:\n  voters: 3\n  quorum: 4\ndata:\n  source: files\n");
    e = assertThrows(RunSpecs.InvalidSpecException.class, () -> RunSpecs.load(bad));
    assertTrue(
        e.getMessage().contains(bad + ":3: judge.quorum: must be within [1, judge.voters]"),
        e.getMessage());
    assertTrue(e.getMessage().contains(bad + ":4: data.seedFile: required"), e.getMessage());
    assertTrue(
        e.getMessage().contains(bad + ":1: judge.backend: 'simulated' answers from the synthetic"),
        e.getMessage());
  }

  @Test
  void aNumberTooLongAndAKeyGivenTwiceNameTheirLines(@TempDir Path dir) throws Exception {
    Path longNumber = dir.resolve("long.yaml");
    Files.writeString(
        longNumber, "iterations: 2\npolicy:\n  batchSize: '" + "9".repeat(2000) + "'\n");
    RunSpecs.InvalidSpecException e =
        assertThrows(RunSpecs.InvalidSpecException.class, () -> RunSpecs.load(longNumber));
    assertTrue(e.getMessage().startsWith(longNumber + ":3: policy.batchSize: "), e.getMessage());

    Path twice = dir.resolve("twice.json");
    Files.writeString(twice, "{\"name\": \"a\",\n \"iterations\": 2,\n \"name\": \"b\"}\n");
    e = assertThrows(RunSpecs.InvalidSpecException.class, () -> RunSpecs.load(twice));
    assertTrue(e.getMessage().startsWith(twice + ":3: Duplicate field 'name'"), e.getMessage());
  }

  @Test
  void nestingTooDeepAndAnEmptySpecNameALine(@TempDir Path dir) throws Exception {
    Path deep = dir.resolve("deep.json");
    Files.writeString(deep, "\n" + "{\"a\":".repeat(1100) + "1" + "}".repeat(1100) + "\n");
    RunSpecs.InvalidSpecException e =
        assertThrows(RunSpecs.InvalidSpecException.class, () -> RunSpecs.load(deep));
    assertTrue(e.getMessage().startsWith(deep + ":2: Document nesting depth"), e.getMessage());

    Path empty = dir.resolve("null.yaml");
    Files.writeString(empty, "null\n");
    e = assertThrows(RunSpecs.InvalidSpecException.class, () -> RunSpecs.load(empty));
    assertEquals(empty + ":1: empty run specification", e.getMessage());
  }

  @Test
  void everyProblemNamesTheFileLineAndFieldPathGroupedBySubSpec(@TempDir Path dir)
      throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        """
        iterations: 0
        data:
          world: {train: 1, test: 0, tools: 0, noise: 1.5}
          initialSize: 0
          warmupSize: -1
        policy: {backend: external, groupSize: 1, grpoSteps: -1, clipLow: -0.1}
        judge: {backend: openai, errorRate: 2, voters: 0, quorum: 0}
        generator: {backend: openai, k: 0, scenarioWeights: {FOO: -1}}
        merge: {budget: -1, seedNewRatio: -1}
        execution: {shardSize: 0, maxParallelShards: 0, heartbeatSeconds: 0}
        """);
    RunSpecs.InvalidSpecException e =
        assertThrows(RunSpecs.InvalidSpecException.class, () -> RunSpecs.load(bad));
    assertEquals(
        Stream.of(
                "1: iterations: must be at least 1",
                "3: data.world.train: must be at least 2",
                "3: data.world.test: must be at least 1",
                "3: data.world.tools: must be at least 1",
                "3: data.world.noise: must be within [0, 1]",
                "4: data.initialSize: must be at least 1",
                "5: data.warmupSize: must not be negative",
                "6: policy.external.command: required when policy.backend is 'external'",
                "6: policy.server: required when policy.backend is 'external', so that each"
                    + " iteration is probed on its own checkpoint: a server per checkpoint"
                    + " (server.command, e.g. vllm serve {checkpoint}) or a reload call into"
                    + " policy.prober's server (server.reload)",
                "6: policy.groupSize: GRPO needs at least 2 samples per prompt",
                "6: policy.grpoSteps/sftSteps: must not be negative",
                "6: policy.clipLow/clipHigh: must not be negative",
                "7: judge.endpoints: at least one endpoint is required when judge.backend is 'openai'",
                "7: judge.errorRate: must be within [0, 1]",
                "7: judge.voters: must be at least 1",
                "7: judge.quorum: must be within [1, judge.voters]",
                "8: generator.endpoints: at least one endpoint is required when generator.backend is"
                    + " 'openai'",
                "8: generator.k: must be at least 1",
                "8: generator.scenarioWeights: unknown variation 'FOO'",
                "8: generator.scenarioWeights: weights must be non-negative and not all zero",
                "9: merge.budget: must not be negative (0 means |D_1|)",
                "9: merge.seedNewRatio: must not be negative",
                "10: execution.shardSize: must be at least 1",
                "10: execution.maxParallelShards: must be at least 1",
                "10: execution.heartbeatSeconds: must be at least 1")
            .map(m -> bad + ":" + m)
            .collect(Collectors.joining("\n")),
        e.getMessage());
  }

  @Test
  void printedJsonIsWhatTheWorkflowDecodes() throws Exception {
    RunSpec s = RunSpecs.load(repo().resolve("examples/quickstart.yaml"));
    RunSpec back =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build()
            .readValue(RunSpecs.toJson(s), RunSpec.class);
    assertEquals(s, back);
  }
}

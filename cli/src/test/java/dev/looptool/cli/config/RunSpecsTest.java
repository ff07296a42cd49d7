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
        e.getMessage().contains(bad + ": judge.quorum: must be within [1, judge.voters]"),
        e.getMessage());
    assertTrue(e.getMessage().contains(bad + ": data.seedFile: required"), e.getMessage());
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

package dev.looptool.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.workflows.experiment.ExperimentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentSpecsTest {
  @TempDir Path dir;

  @Test
  void theExampleHasTheFiveArmsOfThePaperAndTheUnboundedMerge() throws Exception {
    ExperimentSpec e =
        RunSpecs.loadExperiment(RunSpecsTest.repo().resolve("examples/experiment.yaml"));
    assertEquals(
        java.util.List.of("full", "static", "noJglv", "noEdde", "randomFill", "unbounded"),
        e.arms().stream().map(a -> a.name()).toList());
    assertTrue(e.run().data().world().test() >= 1000, "a test large enough to separate arms");
    assertEquals(1.0, e.armSpec(e.arms().get(5), 0).merge().maxHardShare());
    assertTrue(e.armSpec(e.arms().get(1), 0).ablations().staticBaseline());
  }

  @Test
  void anUnknownFieldIsNamedWithItsLine() throws Exception {
    Path f = dir.resolve("e.yaml");
    Files.writeString(f, "name: e\nrun:\n  iterations: 2\narms:\n  - name: full\n    pach: {}\n");
    RunSpecs.InvalidSpecException ex =
        assertThrows(RunSpecs.InvalidSpecException.class, () -> RunSpecs.loadExperiment(f));
    assertTrue(
        ex.getMessage().startsWith(f + ":6: arms[0].pach: unknown field 'pach'"), ex.getMessage());
  }

  @Test
  void armProblemsNameTheArmAndField() throws Exception {
    Path f = dir.resolve("e.yaml");
    Files.writeString(
        f,
        "run:\n  iterations: 2\narms:\n  - name: full\n  - name: full\n"
            + "  - name: d\n    patch: {data: {initialSize: 5}}\n"
            + "  - name: g\n    patch: {policy: {groupSize: 0}}\n");
    RunSpecs.InvalidSpecException ex =
        assertThrows(RunSpecs.InvalidSpecException.class, () -> RunSpecs.loadExperiment(f));
    String m = ex.getMessage();
    assertTrue(m.contains(f + ":5: arms[1].name: 'full' names two arms"), m);
    assertTrue(m.contains(f + ":7: arms[2].patch.data: arms share the seed data"), m);
    assertTrue(m.contains(f + ":9: arms[3].patch: policy.groupSize"), m);
  }

  @Test
  void anEmptyArmIsNamedWithItsLine() throws Exception {
    Path f = dir.resolve("e.yaml");
    Files.writeString(f, "run:\n  iterations: 2\narms:\n  - name: full\n  -\n");
    RunSpecs.InvalidSpecException ex =
        assertThrows(RunSpecs.InvalidSpecException.class, () -> RunSpecs.loadExperiment(f));
    assertTrue(ex.getMessage().startsWith(f + ":5: arms[1]: an empty list item"), ex.getMessage());
  }

  @Test
  void aMissingRunSpecIsSaidSo() throws Exception {
    Path f = dir.resolve("e.yaml");
    Files.writeString(f, "name: e\nseeds: 2\n");
    RunSpecs.InvalidSpecException ex =
        assertThrows(RunSpecs.InvalidSpecException.class, () -> RunSpecs.loadExperiment(f));
    assertEquals(f + ":1: run: missing (the run spec the arms share)", ex.getMessage());
  }
}

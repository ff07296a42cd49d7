package dev.looptool.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.workflows.experiment.ExperimentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

  /** Specs refused for one problem, and how the message begins after the spec's name. */
  static Stream<Arguments> problemsOfOneLine() {
    return Stream.of(
        Arguments.of(
            Named.of(
                "an unknown field",
                "name: e\nrun:\n  iterations: 2\narms:\n  - name: full\n    pach: {}\n"),
            ":6: arms[0].pach: unknown field 'pach'"),
        Arguments.of(
            Named.of("an empty arm", "run:\n  iterations: 2\narms:\n  - name: full\n  -\n"),
            ":5: arms[1]: an empty list item"));
  }

  @ParameterizedTest(name = "{0} is named with its line")
  @MethodSource("problemsOfOneLine")
  void aProblemIsNamedWithItsLine(String yaml, String start) throws Exception {
    String m = problem(yaml);
    assertTrue(m.startsWith(spec() + start), m);
  }

  @Test
  void armProblemsNameTheArmAndField() throws Exception {
    String m =
        problem(
            "run:\n  iterations: 2\narms:\n  - name: full\n  - name: full\n"
                + "  - name: d\n    patch: {data: {initialSize: 5}}\n"
                + "  - name: g\n    patch: {policy: {groupSize: 0}}\n");
    assertTrue(m.contains(spec() + ":5: arms[1].name: 'full' names two arms"), m);
    assertTrue(m.contains(spec() + ":7: arms[2].patch.data: arms share the seed data"), m);
    assertTrue(m.contains(spec() + ":9: arms[3].patch: policy.groupSize"), m);
  }

  @Test
  void aMissingRunSpecIsSaidSo() throws Exception {
    assertEquals(
        spec() + ":1: run: missing (the run spec the arms share)", problem("name: e\nseeds: 2\n"));
  }

  private Path spec() {
    return dir.resolve("e.yaml");
  }

  /** Why the experiment spec {@code yaml} is refused, as RunSpecs says it. */
  private String problem(String yaml) throws Exception {
    Files.writeString(spec(), yaml);
    return assertThrows(RunSpecs.InvalidSpecException.class, () -> RunSpecs.loadExperiment(spec()))
        .getMessage();
  }
}

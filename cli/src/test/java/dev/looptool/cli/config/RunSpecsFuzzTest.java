package dev.looptool.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.looptool.core.testing.Mutations;
import dev.looptool.core.testing.Mutations.Mutant;
import dev.looptool.core.testing.ReaderFaults;
import dev.looptool.core.testing.ScratchDir;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run and experiment spec loaders fed corrupted copies of the shipped specs, YAML and JSON
 * (issue 18): a spec either loads or is refused with an {@link RunSpecs.InvalidSpecException}
 * naming FILE:LINE, never with a raw Jackson, YAML or I/O exception.
 */
class RunSpecsFuzzTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  /** YAML documents mutated as JSON trees and written back as YAML. */
  private static final Mutations.Syntax YAML_DOCUMENT =
      Mutations.Syntax.document(
          text -> {
            try {
              return YAML.readTree(text);
            } catch (JsonProcessingException e) {
              throw new UncheckedIOException(e);
            }
          },
          node -> {
            try {
              return YAML.writeValueAsString(node);
            } catch (JsonProcessingException e) {
              throw new UncheckedIOException(e);
            }
          });

  @AutoClose private final ScratchDir dir = new ScratchDir();

  /** A shipped spec, corrupted; {@code name} keeps its extension, which picks the syntax. */
  record Case(String name, Mutant mutant) {}

  static Stream<Case> runSpecs() {
    Path repo = RunSpecsTest.repo();
    return specs(
        List.of(
            repo.resolve("examples/quickstart.yaml"),
            repo.resolve("examples/external-builtin.yaml"),
            repo.resolve("cli/src/test/resources/specs/files-with-world.yaml"),
            repo.resolve("cli/src/test/resources/specs/external.json")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runSpecs")
  void aCorruptedRunSpecLoadsOrIsRefusedWithFileAndLine(Case c) {
    Path file = c.mutant().writeTo(dir.resolve(c.name()));
    ReaderFaults.readOrReport(file, () -> RunSpecs.load(file), RunSpecs.InvalidSpecException.class);
  }

  static Stream<Case> experimentSpecs() {
    return specs(List.of(RunSpecsTest.repo().resolve("examples/experiment.yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("experimentSpecs")
  void aCorruptedExperimentSpecLoadsOrIsRefusedWithFileAndLine(Case c) {
    Path file = c.mutant().writeTo(dir.resolve(c.name()));
    ReaderFaults.readOrReport(
        file, () -> RunSpecs.loadExperiment(file), RunSpecs.InvalidSpecException.class);
  }

  /**
   * The try that found the strict decoding of the unknown-field lookup: a flipped byte that is not
   * UTF-8, after a key the flips made unknown.
   */
  @Test
  void anUnknownKeyBeforeAByteThatIsNotUtf8IsNamedWithItsLine() {
    Path valid = RunSpecsTest.repo().resolve("cli/src/test/resources/specs/external.json");
    Mutant m =
        Mutations.mutate(
            Mutations.read(valid), Mutations.Syntax.JSON, Mutations.Kind.FLIP_BYTES, -1218222L);
    Path file = m.writeTo(dir.resolve("external.json"));
    ReaderFaults.readOrReport(file, () -> RunSpecs.load(file), RunSpecs.InvalidSpecException.class);
  }

  /** Mutants of the given specs, each read as YAML or JSON by its extension. */
  private static Stream<Case> specs(List<Path> valid) {
    return Mutations.across(
        valid,
        p ->
            Mutations.Source.of(
                p, p.toString().endsWith(".json") ? Mutations.Syntax.JSON : YAML_DOCUMENT),
        (p, m) -> new Case(p.getFileName().toString(), m));
  }
}

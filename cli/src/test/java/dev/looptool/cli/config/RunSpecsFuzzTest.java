package dev.looptool.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.looptool.core.testing.Mutations;
import dev.looptool.core.testing.Mutations.Mutant;
import dev.looptool.core.testing.ReaderFaults;
import dev.looptool.core.testing.ScratchDir;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The run and experiment spec loaders fed corrupted copies of the shipped specs, YAML and JSON
 * (issue 18): a spec either loads or is refused with an {@link RunSpecs.InvalidSpecException}
 * naming FILE:LINE, never with a raw Jackson, YAML or I/O exception.
 */
class RunSpecsFuzzTest implements AutoCloseable {
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

  private final ScratchDir dir = new ScratchDir();

  /** A shipped spec, corrupted; {@code name} keeps its extension, which picks the syntax. */
  record Case(String name, Mutant mutant) {}

  @Provide
  Arbitrary<Case> runSpecs() {
    Path repo = RunSpecsTest.repo();
    return Arbitraries.oneOf(
        spec(repo.resolve("examples/quickstart.yaml"), YAML_DOCUMENT),
        spec(repo.resolve("examples/external-builtin.yaml"), YAML_DOCUMENT),
        spec(repo.resolve("cli/src/test/resources/specs/files-with-world.yaml"), YAML_DOCUMENT),
        spec(repo.resolve("cli/src/test/resources/specs/external.json"), Mutations.Syntax.JSON));
  }

  @Property(seed = Mutations.SEED)
  void aCorruptedRunSpecLoadsOrIsRefusedWithFileAndLine(@ForAll("runSpecs") Case c) {
    Path file = c.mutant().writeTo(dir.resolve(c.name()));
    ReaderFaults.readOrReport(file, () -> RunSpecs.load(file), RunSpecs.InvalidSpecException.class);
  }

  @Provide
  Arbitrary<Case> experimentSpecs() {
    return spec(RunSpecsTest.repo().resolve("examples/experiment.yaml"), YAML_DOCUMENT);
  }

  @Property(seed = Mutations.SEED)
  void aCorruptedExperimentSpecLoadsOrIsRefusedWithFileAndLine(@ForAll("experimentSpecs") Case c) {
    Path file = c.mutant().writeTo(dir.resolve(c.name()));
    ReaderFaults.readOrReport(
        file, () -> RunSpecs.loadExperiment(file), RunSpecs.InvalidSpecException.class);
  }

  /**
   * The try that found the strict decoding of the unknown-field lookup: a flipped byte that is not
   * UTF-8, after a key the flips made unknown.
   */
  @Example
  void anUnknownKeyBeforeAByteThatIsNotUtf8IsNamedWithItsLine() {
    Path valid = RunSpecsTest.repo().resolve("cli/src/test/resources/specs/external.json");
    Mutant m =
        Mutations.mutate(
            Mutations.read(valid), Mutations.Syntax.JSON, Mutations.Kind.FLIP_BYTES, -1218222L);
    Path file = m.writeTo(dir.resolve("external.json"));
    ReaderFaults.readOrReport(file, () -> RunSpecs.load(file), RunSpecs.InvalidSpecException.class);
  }

  private static Arbitrary<Case> spec(Path valid, Mutations.Syntax syntax) {
    String name = valid.getFileName().toString();
    return Mutations.of(valid, syntax).map(m -> new Case(name, m));
  }

  @Override
  public void close() {
    dir.close();
  }
}

package dev.looptool.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spec a user may hold resolves to the values it resolved to when the expected files under
 * {@code resources/resolved} were written (by {@code looptool start --print-json} before the
 * defaults moved out of the spec records' constructors). The manifest records this resolution, so a
 * change here changes every run's manifest: regenerate the files only for an intended change of a
 * default, and say so in the commit.
 */
class ResolvedSpecsTest {
  static Stream<String> specs() {
    return Stream.of(
        "examples/quickstart.yaml",
        "scripts/random-kills.yaml",
        "cli/src/test/resources/specs/empty.yaml",
        "cli/src/test/resources/specs/external.json",
        "cli/src/test/resources/specs/files-with-world.yaml",
        "cli/src/test/resources/specs/unsorted-maps.yaml");
  }

  @ParameterizedTest
  @MethodSource("specs")
  void resolvesToTheRecordedValues(String spec) throws Exception {
    Path file = RunSpecsTest.repo().resolve(spec);
    String name = file.getFileName().toString();
    Path expected =
        RunSpecsTest.repo()
            .resolve("cli/src/test/resources/resolved")
            .resolve(name.substring(0, name.lastIndexOf('.')) + ".json");
    assertEquals(
        Files.readString(expected).strip(), RunSpecs.toJson(RunSpecs.load(file)).strip(), spec);
  }
}

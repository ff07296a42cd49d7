package dev.looptool.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.LabelChange;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.testing.Fixtures;
import dev.looptool.core.testing.Mutations;
import dev.looptool.core.testing.Mutations.Mutant;
import dev.looptool.core.testing.ReaderFaults;
import dev.looptool.core.testing.ScratchDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The readers of looptool's own sample JSON Lines (the line splitter, the sample decoder, the
 * whole-file validation of {@code data validate}), fed corrupted sample files (issue 18): every bad
 * line comes back as an error naming file, line and field, never as an exception.
 */
public class SampleFilesFuzzTest {
  @AutoClose private final ScratchDir dir = new ScratchDir();

  /** Three samples that use every part of the format: tools, calls, a tool turn, a history. */
  public static byte[] validFile() {
    Sample plain = Fixtures.weatherSample("s-1");
    Sample dialogue =
        new Sample(
            "s-2",
            List.of(Fixtures.weatherTool(), Fixtures.alarmTool()),
            List.of(
                Message.system("Be brief."),
                Message.user("Weather in Oslo, then wake me at 7."),
                Message.assistant(List.of(Fixtures.call("get_weather", "{\"city\":\"Oslo\"}"))),
                Message.tool("get_weather", "{\"temp_c\": 4}")),
            Label.ofCalls(List.of(Fixtures.call("set_alarm", "{\"hour\":7}"))),
            Provenance.expanded("s-1", 2)
                .withCorrection(
                    new LabelChange(
                        3, Label.ofText("It is 4°C."), "LABEL_WRONG", "a call was asked for")),
            Fixtures.args("{\"date\":\"2025-01-01\",\"tags\":[\"x\"]}"));
    Sample text =
        new Sample(
            "s-3",
            List.of(),
            List.of(Message.user("Hello")),
            Label.ofText("Hi!"),
            Provenance.imported(),
            null);
    StringBuilder sb = new StringBuilder();
    for (Sample s : List.of(plain, dialogue, text)) {
      sb.append(SampleJson.toJson(s)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Stream<Mutant> samples() {
    return Mutations.of(validFile(), Mutations.Syntax.JSON_LINES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyBadLineOfASampleFileIsAnErrorNamingFileLineAndField(Mutant m) {
    Path file = m.writeTo(dir.resolve("samples.jsonl"));
    List<Sample> read = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    ReaderFaults.readOrReport(
        file,
        () -> {
          SampleReader.forEach(file, read::add, errors::add);
          return null;
        });
    ReaderFaults.assertLineErrors(errors, file);

    // The tree-based decoder (used on lines parsed elsewhere) agrees with the byte decoder.
    List<LineError> treeErrors = new ArrayList<>();
    List<Sample> treeRead = new ArrayList<>();
    ReaderFaults.readOrReport(
        file,
        () -> {
          JsonlReader.forEach(
              file,
              treeErrors,
              (line, json) -> {
                SampleReader.Entry e = SampleReader.decode(file.toString(), line, json);
                if (e.ok()) {
                  treeRead.add(e.sample());
                } else {
                  treeErrors.add(e.error());
                }
              });
          return null;
        });
    ReaderFaults.assertLineErrors(treeErrors, file);
    assertEquals(read, treeRead);

    ReaderFaults.readOrReport(file, () -> SampleReader.readAll(file));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void validationReportsEveryProblemWithFileLineAndField(Mutant m) {
    Path file = m.writeTo(dir.resolve("samples.jsonl"));
    List<LineError> problems = new ArrayList<>();
    FileValidation.Counts counts =
        ReaderFaults.readOrReport(file, () -> FileValidation.validate(file, 2, problems::add));
    ReaderFaults.assertLineErrors(problems, file);
    assertEquals(problems.size(), counts.problems());
  }
}

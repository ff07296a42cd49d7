package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.cli.crash.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code looptool run} as a newcomer runs it, on a small spec, its output not a terminal. */
class RunCommandTest {
  @Test
  void theEmbeddedRunShowsStepProgressWithAnEtaAndADurationPerStage(@TempDir Path tmp)
      throws Exception {
    Path spec =
        Path.of(System.getProperty("looptool.repo.root", ".."))
            .resolve("scripts/random-kills.yaml");
    CliProcess.Result r = CliProcess.runSpec(tmp, spec, "rc");
    assertEquals(0, r.exitCode(), r.stdoutAndErr());
    List<String> lines = r.stdoutAndErr().lines().toList();
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.matches(
                        "\\[iteration 1/2\\] sft  SFT step \\d+/300 · .* step/s · ETA \\d+:\\d\\d")),
        "an SFT progress line with rate and ETA:\n" + r.stdoutAndErr());
    for (String stage : List.of("[iteration 1/2] sft", "[iteration 2/2] evaluate")) {
      assertTrue(
          lines.stream()
              .anyMatch(
                  l -> l.matches(java.util.regex.Pattern.quote(stage) + "  done in \\d+:\\d\\d")),
          stage + " done:\n" + r.stdoutAndErr());
    }
    assertTrue(r.stdoutAndErr().contains("looptool run rc: 2 iteration(s) done"), r.stdoutAndErr());
    assertTrue(Files.exists(tmp.resolve("store/runs/rc/report.html")));
  }
}

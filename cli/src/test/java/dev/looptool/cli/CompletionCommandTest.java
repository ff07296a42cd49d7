package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
  /** The generated script completes command names and options in a real bash. */
  @Test
  void bashCompletesCommandsAndOptionsFromTheGeneratedScript(@TempDir Path tmp) throws Exception {
    CliRunner.Result r = CliRunner.run("completion");
    assertEquals(0, r.exitCode(), r.err());
    Path script = tmp.resolve("looptool-completion.bash");
    Files.writeString(script, r.out());
    assertEquals(List.of("start", "status"), complete(script, "looptool", "sta"));
    assertTrue(complete(script, "looptool", "worker", "--po").contains("--pool"));
  }

  private static List<String> complete(Path script, String... words) throws Exception {
    String line = String.join(" ", words);
    String cmd =
        "source "
            + script
            + "; COMP_WORDS=("
            + line
            + "); COMP_CWORD="
            + (words.length - 1)
            + "; COMP_LINE='"
            + line
            + "'; COMP_POINT=${#COMP_LINE}; _complete_looptool; printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor();
    return out.isEmpty() ? List.of() : out.lines().sorted().toList();
  }
}

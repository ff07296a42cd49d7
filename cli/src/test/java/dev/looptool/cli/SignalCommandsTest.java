package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The signal commands are built by picocli and say what they send. */
class SignalCommandsTest {
  @Test
  void eachSignalCommandIsBuiltAndDescribesItself() {
    for (String[] c :
        new String[][] {
          {"pause", "Holds a run before its next stage."},
          {"resume", "Resumes a paused run."},
          {"stop", "Stops a run after its current iteration"}
        }) {
      CommandLine cli = LoopToolCli.commandLine();
      StringWriter out = new StringWriter();
      cli.setOut(new PrintWriter(out));
      assertEquals(0, cli.execute(c[0], "--help"), c[0]);
      assertTrue(out.toString().contains(c[1]), out.toString());
      assertTrue(out.toString().contains("ID"), out.toString());
    }
  }
}

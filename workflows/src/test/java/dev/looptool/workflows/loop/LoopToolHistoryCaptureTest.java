package dev.looptool.workflows.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the captured histories under {@code workflows/src/test/resources/histories/}; off
 * unless asked for (see {@link LoopToolHistories} for the command and when to use it).
 */
@Tag("capture")
@EnabledIfSystemProperty(named = "looptool.captureHistories", matches = "true")
class LoopToolHistoryCaptureTest {
  @Test
  void captureTheHistoriesOfATwoIterationRun() throws Exception {
    var captured = LoopToolHistories.captureAll();
    assertEquals(LoopToolHistories.RESOURCES.size(), captured.runs().size());
    assertEquals(LoopToolHistories.STAGE_RESOURCES.size(), captured.stages().size());
    Path repo = Path.of(System.getProperty("looptool.repo.root", "."));
    LoopToolHistories.write(captured, repo.resolve("workflows/src/test/resources/histories"));
  }
}

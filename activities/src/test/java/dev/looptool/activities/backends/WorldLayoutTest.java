package dev.looptool.activities.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looptool.core.store.RunLayout;
import dev.looptool.world.WorldFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The world writes its files by its own names into the run's world directory; the run layout must
 * name the same files, or the seed stage would read what the world never wrote.
 */
class WorldLayoutTest {
  @Test
  void theRunLayoutNamesTheFilesTheWorldWrites() {
    RunLayout l = new RunLayout("r");
    String dir = l.worldDir() + "/";
    assertEquals(
        List.of(
            dir + WorldFiles.TOOLS,
            dir + WorldFiles.POOL,
            dir + WorldFiles.TEST,
            dir + WorldFiles.TRUTH,
            dir + WorldFiles.REJECTS,
            dir + WorldFiles.STATS),
        List.of(
            l.worldTools(),
            l.worldPool(),
            l.worldTest(),
            l.worldTruth(),
            l.worldRejects(),
            l.worldStats()));
    assertEquals(l.worldTruth(), SeedWorld.truthKey(l));
  }
}

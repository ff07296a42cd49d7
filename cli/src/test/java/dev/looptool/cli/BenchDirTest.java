package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data benchmarks' work directory: kept when named, removed with its files when temporary. */
class BenchDirTest {
  @Test
  void aTemporaryDirectoryIsRemovedWithWhatTheBenchWrote() throws Exception {
    BenchDir d = new BenchDir();
    Path[] seen = new Path[1];
    int code =
        d.run(
            "looptool-bench-dir-test",
            work -> {
              seen[0] = work;
              Files.writeString(work.resolve("a.jsonl"), "{}\n");
              Files.createDirectories(work.resolve("sub"))
                  .resolve("b.json")
                  .toFile()
                  .createNewFile();
              return 3;
            });
    assertEquals(3, code);
    assertTrue(seen[0].getFileName().toString().startsWith("looptool-bench-dir-test"));
    assertFalse(Files.exists(seen[0]), seen[0].toString());
  }

  @Test
  void aNamedDirectoryIsCreatedAndKeptWithItsFiles(@TempDir Path tmp) throws Exception {
    BenchDir d = new BenchDir();
    d.dir = tmp.resolve("x/y");
    assertEquals(
        0,
        d.run(
            "unused",
            work -> {
              Files.writeString(work.resolve("bench.jsonl"), "{}\n");
              return 0;
            }));
    assertTrue(Files.isRegularFile(tmp.resolve("x/y/bench.jsonl")));
  }

  @Test
  void dataBenchWritesItsFileIntoDir(@TempDir Path tmp) throws Exception {
    assertEquals(
        0,
        LoopToolCli.execute(
            "data", "bench", "--samples", "40", "--threads", "1", "--dir", tmp.toString()));
    assertTrue(Files.size(tmp.resolve("bench.jsonl")) > 0);
  }

  @Test
  void importBenchKeepsItsReleaseAndImportInDir(@TempDir Path tmp) throws Exception {
    assertEquals(
        0, LoopToolCli.execute("data", "bench-import", "--records", "30", "--dir", tmp.toString()));
    assertTrue(Files.size(tmp.resolve("LoopTool_grpo_training_data.json")) > 0);
    assertTrue(Files.size(tmp.resolve("imported.jsonl")) > 0);
    assertFalse(Files.exists(tmp.resolve("generated.jsonl")));
  }
}

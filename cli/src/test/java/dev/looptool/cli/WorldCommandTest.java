package dev.looptool.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldCommandTest {

  private static String captureOut(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void generateWritesTheSixFilesByteIdenticallyForTheSameFlags(@TempDir Path dir) throws Exception {
    for (String out : List.of("a", "b")) {
      int rc =
          LoopToolCli.execute(
              "world",
              "generate",
              "--seed",
              "4",
              "--tools",
              "20",
              "--train",
              "300",
              "--test",
              "60",
              "--noise",
              "0.2",
              "--out",
              dir.resolve(out).toString());
      assertEquals(0, rc);
    }
    for (String f :
        List.of(
            "tools.jsonl",
            "pool.jsonl",
            "test.jsonl",
            "truth.jsonl",
            "rejects.jsonl",
            "stats.json")) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("a").resolve(f)),
          Files.readAllBytes(dir.resolve("b").resolve(f)),
          f);
    }
    assertEquals(300, Files.readAllLines(dir.resolve("a/pool.jsonl")).size());
    assertEquals(60, Files.readAllLines(dir.resolve("a/test.jsonl")).size());
    assertEquals(20, Files.readAllLines(dir.resolve("a/tools.jsonl")).size());
    var stats = Json.parse(Files.readString(dir.resolve("a/stats.json")));
    assertEquals(0.2, stats.path("config").path("noise_rate").asDouble());
  }

  @Test
  void badFlagsFailWithAClearMessage(@TempDir Path dir) {
    assertEquals(
        2, LoopToolCli.execute("world", "generate", "--noise", "1.5", "--out", dir.toString()));
    assertEquals(
        2,
        LoopToolCli.execute(
            "world", "generate", "--noise-mix", "wrong_colour=1", "--out", dir.toString()));
    assertTrue(LoopToolCli.execute("world", "generate") != 0, "--out is required");
  }

  @Test
  void benchPrintsMeasuredRatesAndTheRatioToTheGoal() {
    String out =
        captureOut(
            () ->
                assertEquals(
                    0,
                    LoopToolCli.execute("world", "bench", "--samples", "2000", "--warmup", "0")));
    assertTrue(out.contains("samples/s"), out);
    assertTrue(out.contains("x the goal of 20000/s"), out);
  }
}

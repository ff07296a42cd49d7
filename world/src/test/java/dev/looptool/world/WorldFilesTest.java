package dev.looptool.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.io.SampleReader;
import dev.looptool.core.json.Json;
import dev.looptool.core.validate.SampleValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldFilesTest {
  static final List<String> FILES =
      List.of(
          WorldFiles.TOOLS,
          WorldFiles.POOL,
          WorldFiles.TEST,
          WorldFiles.TRUTH,
          WorldFiles.REJECTS,
          WorldFiles.STATS);

  @Test
  void theSameConfigWritesByteIdenticalFilesAndLeavesNoTemporaries(@TempDir Path dir)
      throws Exception {
    WorldConfig c = WorldConfig.defaults(13).withCounts(400, 80).withTools(25);
    WorldFiles.write(new WorldGenerator(c), dir.resolve("a"));
    WorldFiles.write(new WorldGenerator(c), dir.resolve("b"));
    for (String f : FILES) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("a").resolve(f)),
          Files.readAllBytes(dir.resolve("b").resolve(f)),
          f);
    }
    try (Stream<Path> s = Files.list(dir.resolve("a"))) {
      assertEquals(FILES.size(), s.count(), "only the six world files remain");
    }
  }

  @Test
  void filesReadBackAndStatsCountWhatNoiseMadeInvalid(@TempDir Path dir) throws Exception {
    WorldConfig c =
        WorldConfig.defaults(14).withCounts(600, 100).withNoise(0.25, null).withSlipRate(0.05);
    WorldStats stats = WorldFiles.write(new WorldGenerator(c), dir);
    assertEquals(c.tools(), Files.readAllLines(dir.resolve(WorldFiles.TOOLS)).size());
    for (String line : Files.readAllLines(dir.resolve(WorldFiles.TOOLS))) {
      SampleJson.readTool(Json.parse(line), "tool");
    }
    Truth truth = Truth.load(dir.resolve(WorldFiles.TRUTH));
    assertEquals(700, truth.size());
    long invalid = 0;
    long pool = 0;
    try (SampleReader r = SampleReader.open(dir.resolve(WorldFiles.POOL))) {
      while (r.hasNext()) {
        SampleReader.Entry e = r.next();
        assertTrue(e.ok(), String.valueOf(e.error()));
        pool++;
        if (!SampleValidator.validate(e.sample()).isEmpty()) {
          invalid++;
          assertTrue(truth.require(e.sample().id()).noiseInvalid());
        }
      }
    }
    assertEquals(600, pool);
    JsonNode st = Json.parse(Files.readString(dir.resolve(WorldFiles.STATS)));
    assertEquals(invalid, st.path("noise").path("invalid_by_noise").asLong());
    assertEquals(stats.noisyTotal(), st.path("noise").path("noisy").asLong());
    assertEquals(600, st.path("samples").path("pool").asLong());
    assertEquals(
        Files.readAllLines(dir.resolve(WorldFiles.REJECTS)).size(),
        st.path("rejects").path("total").asLong());
    assertTrue(st.path("rejects").path("total").asLong() > 0);
    try (SampleReader r = SampleReader.open(dir.resolve(WorldFiles.TEST))) {
      while (r.hasNext()) {
        SampleReader.Entry e = r.next();
        assertTrue(SampleValidator.validate(e.sample()).isEmpty(), e.sample().id());
      }
    }
  }
}

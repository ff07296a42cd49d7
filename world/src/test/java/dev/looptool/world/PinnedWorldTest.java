package dev.looptool.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The world a seed generates stays the same bytes: samples, truth, stats and tools of a world over
 * every capability hash to the value they had when the synthesis tables moved from Java constants
 * to synthesis-tables.json. A change that means to alter the world updates the digest and says so.
 */
class PinnedWorldTest {
  @Test
  void seedOneOverSixtyToolsIsTheWorldItWas() throws Exception {
    WorldConfig c = WorldConfig.defaults(1).withTools(60).withCounts(2000, 300);
    WorldTesting.Collected w = WorldTesting.collect(c);
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    for (WorldSample s : w.samples()) {
      d.update(SampleJson.toJson(s.sample()).getBytes(StandardCharsets.UTF_8));
      d.update(Truth.toJson(s.truth()).getBytes(StandardCharsets.UTF_8));
    }
    d.update(Json.compact(w.stats().toJson(c)).getBytes(StandardCharsets.UTF_8));
    for (ToolSpec t : new WorldGenerator(c).tools()) {
      d.update(Json.compact(Json.MAPPER.valueToTree(t)).getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(2300, w.samples().size());
    assertEquals(
        "3cf05153fbd2ce9afdc2aedbe647e447d318d84ca45b97815de1786efc6802c7",
        HexFormat.of().formatHex(d.digest()));
  }
}

package dev.looptool.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.agent.Shape;
import dev.looptool.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorldConfigTest {

  @Test
  void aConfigSurvivesJsonSoOtherProcessesCanRebuildTheSameWorld() {
    WorldConfig c =
        WorldConfig.defaults(9)
            .withTools(60)
            .withCounts(10, 5)
            .withNoise(0.3, WorldConfig.parseMix("wrong_value=2,wrong_tool=1", NoiseKind.class))
            .withPrompt(2, 8, 1, true)
            .withParameterDescriptions(false);
    String json = Json.write(c);
    WorldConfig back = Json.read(json, WorldConfig.class);
    assertEquals(c, back);
    assertEquals(new WorldGenerator(c).tools(), new WorldGenerator(back).tools());
  }

  @Test
  void mixesAreNormalisedAndBadValuesAreRefusedWithTheirName() {
    Map<NoiseKind, Double> mix =
        WorldConfig.defaults(1)
            .withNoise(0.1, WorldConfig.parseMix("wrong_value=3,wrong_type=1", NoiseKind.class))
            .noiseMix();
    assertEquals(0.75, mix.get(NoiseKind.WRONG_VALUE), 1e-12);
    assertEquals(0.0, mix.get(NoiseKind.WRONG_TOOL), 1e-12);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WorldConfig.parseMix("wrong_colour=1", NoiseKind.class));
    assertTrue(e.getMessage().contains("wrong_colour"));
    assertThrows(
        IllegalArgumentException.class, () -> WorldConfig.defaults(1).withNoise(1.5, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> WorldConfig.defaults(1).withShapeMix(Map.of(Shape.SINGLE, 0.0)));
    assertThrows(IllegalArgumentException.class, () -> WorldConfig.defaults(1).withTools(0));
  }
}

package dev.looptool.workflows.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.looptool.core.policy.ModelDefaults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecDefaultsTest {
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  static RunSpec read(String json) throws Exception {
    return JSON.readValue(json, RunSpec.class);
  }

  @Test
  void aMissingSpecResolvesToLoopToolsDefaults() {
    RunSpec s = RunSpec.resolve(null);
    assertEquals(RunSpec.empty().withDefaults(), s);
    assertNull(s.name());
    assertEquals(3, s.iterations());
    assertEquals(DataSpec.WORLD, s.data().source());
    assertEquals(7L, s.data().world().seed());
    assertEquals(Map.of(), s.data().world().noiseMix());
    assertNull(s.data().world().distractors(), "the world generator's own default applies");
    assertEquals(PolicySpec.BUILTIN, s.policy().backend());
    assertEquals(ModelDefaults.GROUP, s.policy().groupSize());
    assertEquals(ModelDefaults.GRPO_LEARNING_RATE, s.policy().learningRate());
    assertEquals(ModelDefaults.MAX_ANSWER, s.policy().maxNewTokens());
    assertEquals(ModelDefaults.D_MODEL, s.policy().model().dModel());
    assertEquals(ModelDefaults.CALL_INDEX, s.policy().model().callIndex());
    assertNull(s.policy().external());
    assertNull(s.policy().prober());
    assertEquals(JudgeSpec.SIMULATED, s.judge().backend());
    assertEquals(List.of(), s.judge().endpoints());
    assertEquals(
        List.of("COMPLEXITY", "DATA_VARIATION", "INTERACTION_STYLE", "USER_PERSONA"),
        List.copyOf(s.generator().scenarioWeights().keySet()));
    assertEquals(0, s.merge().budget());
    assertEquals(false, s.ablations().staticBaseline());
    assertEquals(20, s.execution().heartbeatSeconds());
    assertEquals(true, s.execution().searchAttributes());
  }

  @Test
  void writtenValuesWinAndAWrittenMapReplacesTheDefaultMapWhole() throws Exception {
    RunSpec s =
        read("""
                {"iterations": 5, "policy": {"groupSize": 4, "model": {"maxSeq": 144}},
                 "generator": {"scenarioWeights": {"USER_PERSONA": 2}}}
                """)
            .withDefaults();
    assertEquals(5, s.iterations());
    assertEquals(4, s.policy().groupSize());
    assertEquals(144, s.policy().model().maxSeq());
    assertEquals(ModelDefaults.D_MODEL, s.policy().model().dModel(), "siblings still default");
    assertEquals(Map.of("USER_PERSONA", 2.0), s.generator().scenarioWeights());
  }

  @Test
  void aNullFieldIsUnset() throws Exception {
    RunSpec s =
        read("{\"iterations\": null, \"policy\": {\"groupSize\": null}, \"judge\": null}")
            .withDefaults();
    assertEquals(RunSpec.resolve(null), s);
  }

  @Test
  void mapsResolveInKeyOrderWhateverOrderTheyWereGivenIn() {
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put("USER_PERSONA", 1.0);
    weights.put("COMPLEXITY", 2.0);
    GeneratorSpec g = new GeneratorSpec(null, null, weights, null).withDefaults();
    assertEquals(List.of("COMPLEXITY", "USER_PERSONA"), List.copyOf(g.scenarioWeights().keySet()));
  }

  @Test
  void resolvingAResolvedSpecChangesNothing() throws Exception {
    RunSpec once =
        read("""
                {"name": "n", "data": {"world": {"seed": 3, "noiseMix": {"wrong_tool": 1}}},
                 "policy": {"backend": "external", "external": {"command": ["t"]},
                            "prober": {"model": "p"}},
                 "judge": {"backend": "openai", "endpoints": [{"model": "j"}]}}
                """)
            .withDefaults();
    assertEquals(once, once.withDefaults());
  }

  @Test
  void recordsWithoutDefaultsAreKeptAsWritten() throws Exception {
    RunSpec s = read("{\"policy\": {\"prober\": {\"model\": \"p\"}}}").withDefaults();
    assertEquals(
        new EndpointSpec(null, "p", null, null, null, null, null, null, null, null),
        s.policy().prober());
  }

  @Test
  void aWorldRunFillsItsWorldAndAFilesRunKeepsItsWorldAsWritten() throws Exception {
    assertEquals(300, read("{\"data\": {}}").withDefaults().data().world().test());
    DataSpec files =
        read("{\"data\": {\"source\": \"files\", \"world\": {\"seed\": 3}}}").withDefaults().data();
    assertEquals(new WorldSpec(3L, null, null, null, null, null, null, null), files.world());
    assertNull(
        read("{\"data\": {\"source\": \"files\"}}").withDefaults().data().world(),
        "a files run has no world unless it names one");
  }

  @Test
  void aDefaultNamingNoFieldFailsNamingTheRecord() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                SpecDefaults.fill(
                    new MergeSpec(null, null), SpecDefaults.document().put("budgett", 1)));
    assertTrue(e.getMessage().startsWith("MergeSpec defaults: "), e.getMessage());
    assertTrue(e.getMessage().contains("budgett"), e.getMessage());
  }
}

package dev.looptool.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.core.agent.Shape;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.json.Json;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.validate.SampleValidator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorldGeneratorTest {
  static WorldTesting.Collected world;

  @BeforeAll
  static void generate() {
    world =
        WorldTesting.collect(WorldConfig.defaults(11).withCounts(1500, 400).withNoise(0.2, null));
  }

  @Test
  void sameConfigGivesTheSameSamplesAndTruthAndAnotherSeedDoesNot() {
    WorldConfig c = WorldConfig.defaults(5).withCounts(300, 50);
    WorldTesting.Collected a = WorldTesting.collect(c);
    WorldTesting.Collected b = WorldTesting.collect(c);
    WorldTesting.Collected other = WorldTesting.collect(c.withSeed(6));
    assertEquals(350, a.samples().size());
    for (int i = 0; i < a.samples().size(); i++) {
      assertEquals(
          SampleJson.toJson(a.samples().get(i).sample()),
          SampleJson.toJson(b.samples().get(i).sample()));
      assertEquals(
          Truth.toJson(a.samples().get(i).truth()), Truth.toJson(b.samples().get(i).truth()));
    }
    assertEquals(Json.compact(a.stats().toJson(c)), Json.compact(b.stats().toJson(c)));
    assertNotEquals(
        SampleJson.toJson(a.samples().get(0).sample()).replace("w5-", ""),
        SampleJson.toJson(other.samples().get(0).sample()).replace("w6-", ""));
  }

  @Test
  void countsAreMetAndIdsAreUniqueAndStable() {
    assertEquals(1500, world.split(Split.POOL).size());
    assertEquals(400, world.split(Split.TEST).size());
    Set<String> ids = new HashSet<>();
    for (WorldSample w : world.samples()) {
      assertTrue(ids.add(w.sample().id()), "duplicate id " + w.sample().id());
      assertEquals(w.sample().id(), w.truth().id());
    }
    assertEquals("w11-0", world.split(Split.POOL).get(0).sample().id());
    assertEquals("w11-1499", world.split(Split.POOL).get(1499).sample().id());
    assertEquals("w11-t0", world.split(Split.TEST).get(0).sample().id());
  }

  @Test
  void everyShapeOccursInBothSplitsAndMetaNamesShapeAndDomain() {
    for (Split split : List.of(Split.POOL, Split.TEST)) {
      Set<String> shapes = new HashSet<>();
      for (WorldSample w : world.split(split)) {
        JsonNode meta = w.sample().meta();
        assertEquals(w.truth().shape().wireName(), meta.path("shape").asText());
        assertFalse(meta.path("domain").asText().isEmpty());
        shapes.add(meta.path("shape").asText());
      }
      assertEquals(
          Set.of("single", "parallel", "multi_step", "clarify", "no_tool"),
          shapes,
          split + " lacks a shape");
    }
    assertTrue(
        world.stats().toJson(WorldConfig.defaults(11)).path("domain").path("pool").size() >= 10);
  }

  @Test
  void cleanSamplesPassTheSampleValidatorAndNoiseInvalidityIsRecordedTruthfully() {
    int invalid = 0;
    for (WorldSample w : world.samples()) {
      List<SampleValidator.Problem> problems = SampleValidator.validate(w.sample());
      if (w.truth().noise() == null) {
        assertTrue(problems.isEmpty(), w.sample().id() + ": " + problems);
        assertTrue(
            Truth.correct(w.sample().label(), w.truth(), w.sample().tools()),
            w.sample().id() + " clean but not the truth");
      } else {
        assertEquals(
            w.truth().noiseInvalid(),
            !problems.isEmpty(),
            w.sample().id() + " " + w.truth().noise());
        assertFalse(
            Truth.correct(w.sample().label(), w.truth(), w.sample().tools()),
            w.sample().id() + " noisy but still true: " + w.truth().noise());
        invalid += problems.isEmpty() ? 0 : 1;
      }
    }
    assertEquals(world.stats().noiseInvalid(), invalid);
    Truth truth = new Truth();
    world.samples().forEach(w -> truth.add(w.truth()));
    Truth.Purity purity =
        truth.purity(world.split(Split.POOL).stream().map(WorldSample::sample).toList());
    assertEquals(1500 - world.stats().noisyTotal(), purity.correct());
    assertEquals(0, purity.unknown());
    assertTrue(
        invalid > 0 && invalid < world.stats().noisyTotal(),
        "some noise kinds must be invisible to rules");
  }

  @Test
  void theTestSetIsCleanAndRepeatsNoPoolPrompt() {
    Set<Long> pool = new HashSet<>();
    Set<String> poolPrompts = new HashSet<>();
    for (WorldSample w : world.split(Split.POOL)) {
      pool.add(WorldGenerator.promptKey(w.sample()));
      poolPrompts.add(
          w.sample().tools().stream().map(t -> t.name()).toList() + "|" + w.sample().messages());
    }
    for (WorldSample w : world.split(Split.TEST)) {
      assertEquals(null, w.truth().noise());
      assertFalse(pool.contains(WorldGenerator.promptKey(w.sample())));
      assertFalse(
          poolPrompts.contains(
              w.sample().tools().stream().map(t -> t.name()).toList()
                  + "|"
                  + w.sample().messages()));
    }
    // A user who often says the same words makes test prompts repeat pool prompts: those are
    // skipped.
    WorldConfig tiny = singleCallWorld(3, 300, 100);
    dev.looptool.world.synth.Catalog catalog = singleCallCatalog(tiny);
    dev.looptool.world.sim.SimulatedUser simulated =
        new dev.looptool.world.sim.SimulatedUser(catalog);
    dev.looptool.core.agent.User repetitive =
        turn -> turn.seed() % 2 == 0 ? "Do it." : simulated.say(turn);
    List<WorldSample> samples = new java.util.ArrayList<>();
    WorldStats stats;
    try {
      stats =
          new WorldGenerator(tiny, catalog, null, repetitive, null, null)
              .generate(WorldSink.collecting(samples, new java.util.ArrayList<>()));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    Set<Long> tinyPool = new HashSet<>();
    samples.stream()
        .filter(w -> w.truth().split() == Split.POOL)
        .forEach(w -> tinyPool.add(WorldGenerator.promptKey(w.sample())));
    List<WorldSample> tinyTest =
        samples.stream().filter(w -> w.truth().split() == Split.TEST).toList();
    assertEquals(100, tinyTest.size());
    tinyTest.forEach(w -> assertFalse(tinyPool.contains(WorldGenerator.promptKey(w.sample()))));
    assertTrue(stats.testOverlapSkipped() > 10, "skipped " + stats.testOverlapSkipped());
  }

  @Test
  void aWorldTooSmallForADistinctTestSetSaysSo() {
    WorldConfig tiny = singleCallWorld(2, 50, 10);
    dev.looptool.world.synth.Catalog catalog = singleCallCatalog(tiny);
    dev.looptool.core.agent.User mute = turn -> "Do it.";
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () ->
                new WorldGenerator(tiny, catalog, null, mute, null, null)
                    .generate(
                        new WorldSink() {
                          @Override
                          public void sample(WorldSample s) {}

                          @Override
                          public void reject(Reject r) {}
                        }));
    assertTrue(e.getMessage().contains("too small"), e.getMessage());
  }

  @Test
  void noiseRateAndKindsFollowTheConfiguration() {
    long noisy = world.split(Split.POOL).stream().filter(w -> w.truth().noise() != null).count();
    double rate = noisy / 1500.0;
    // Binomial(1500, 0.2) has a standard deviation of about 0.0103; 4 sigma.
    assertTrue(rate > 0.2 - 0.042 && rate < 0.2 + 0.042, "observed noise rate " + rate);
    Map<NoiseKind, Integer> kinds = new EnumMap<>(NoiseKind.class);
    for (WorldSample w : world.samples()) {
      if (w.truth().noise() != null) {
        kinds.merge(w.truth().noise(), 1, Integer::sum);
      }
    }
    assertEquals(EnumSet.allOf(NoiseKind.class), kinds.keySet());

    Map<NoiseKind, Double> onlyWrongValue = WorldConfig.parseMix("wrong_value=1", NoiseKind.class);
    WorldTesting.Collected wv =
        WorldTesting.collect(
            WorldConfig.defaults(3).withCounts(400, 0).withNoise(0.5, onlyWrongValue));
    long n = 0;
    for (WorldSample w : wv.samples()) {
      if (w.truth().noise() != null) {
        n++;
        assertEquals(NoiseKind.WRONG_VALUE, w.truth().noise());
        assertFalse(w.truth().noiseInvalid(), "a wrong value stays inside the schema");
        assertEquals(w.truth().label().calls().size(), w.sample().label().calls().size());
      }
    }
    assertTrue(n > 100, "wrong_value applies to every call label: " + n);
    WorldTesting.Collected none =
        WorldTesting.collect(WorldConfig.defaults(3).withCounts(300, 0).withNoise(0.0, null));
    assertEquals(0, none.stats().noisyTotal());
  }

  @Test
  void missingRequiredNoiseDropsARequiredArgumentOrCallsBeforeTheClarification() {
    WorldTesting.Collected m =
        WorldTesting.collect(
            WorldConfig.defaults(4)
                .withCounts(500, 0)
                .withNoise(1.0, WorldConfig.parseMix("missing_required=1", NoiseKind.class)));
    int clarify = 0;
    for (WorldSample w : m.samples()) {
      if (w.truth().noise() == null) {
        continue;
      }
      assertTrue(w.truth().noiseInvalid(), w.sample().id());
      boolean rejected =
          SampleValidator.validate(w.sample()).stream()
              .anyMatch(p -> p.message().startsWith("missing_required"));
      assertTrue(rejected, w.sample().id());
      if (w.truth().label().isText()) {
        clarify++;
        assertEquals(Shape.CLARIFY, w.truth().shape());
        assertFalse(w.sample().label().calls().get(0).arguments().has(w.truth().askFor()));
      }
    }
    assertTrue(clarify > 0);
  }

  @Test
  void dependentStepsTakeTheirArgumentFromThePreviousResult() {
    int checked = 0;
    for (WorldSample w : world.split(Split.TEST)) {
      if (w.truth().shape() != Shape.MULTI_STEP || w.truth().turn() != 1) {
        continue;
      }
      List<Message> ms = w.sample().messages();
      Message last = ms.get(ms.size() - 1);
      assertEquals(Role.TOOL, last.role());
      ToolCall call = w.sample().label().calls().get(0);
      String firstArg = call.arguments().fieldNames().next();
      String value = call.arguments().get(firstArg).asText();
      assertTrue(
          last.content().contains("\"" + value + "\""),
          "the id " + value + " comes from " + last.content());
      assertFalse(ms.get(0).content().contains(value), "the user cannot know the id " + value);
      checked++;
    }
    assertTrue(checked > 10);
  }

  @Test
  void parallelDialoguesCallTheSameToolSeveralTimesAndDifferentTools() {
    boolean same = false;
    boolean different = false;
    for (WorldSample w : world.samples()) {
      if (w.truth().shape() != Shape.PARALLEL) {
        continue;
      }
      List<ToolCall> calls = w.truth().label().calls();
      assertTrue(calls.size() >= 2);
      if (calls.stream().map(ToolCall::name).distinct().count() == 1) {
        same = true;
      } else {
        different = true;
      }
    }
    assertTrue(same && different);
  }

  @Test
  void clarifyAsksThenCallsWithTheSuppliedValueAndNoToolAnswersInText() {
    int clarify = 0;
    int noTool = 0;
    for (WorldSample w : world.split(Split.TEST)) {
      Sample s = w.sample();
      if (w.truth().shape() == Shape.CLARIFY && w.truth().turn() == 0) {
        clarify++;
        assertTrue(s.label().isText() && s.label().text().length() > 5);
        assertNotNull(w.truth().askFor());
      }
      if (w.truth().shape() == Shape.CLARIFY && w.truth().turn() == 1) {
        List<Message> ms = s.messages();
        assertEquals(Role.ASSISTANT, ms.get(ms.size() - 2).role());
        assertEquals(Role.USER, ms.get(ms.size() - 1).role());
        JsonNode v = s.label().calls().get(0).arguments().get(w.truth().askFor());
        String voiced =
            v.isTextual() ? v.textValue() : v.isNumber() ? v.decimalValue().toPlainString() : null;
        if (voiced != null) {
          assertTrue(
              ms.get(ms.size() - 1).content().contains(voiced),
              ms.get(ms.size() - 1).content() + " lacks " + voiced);
          assertFalse(
              ms.get(0).content().contains(" " + voiced + " "),
              "the request should leave out " + voiced);
        }
      }
      if (w.truth().shape() == Shape.NO_TOOL) {
        noTool++;
        assertTrue(s.label().isText());
        assertTrue(s.tools().size() >= 1);
      }
    }
    assertTrue(clarify > 5 && noTool > 5);
  }

  @Test
  void everyStringAndNumberArgumentOfASingleCallIsSaidByTheUser() {
    for (WorldSample w : world.split(Split.TEST)) {
      if (w.truth().shape() != Shape.SINGLE) {
        continue;
      }
      String said = w.sample().messages().get(0).content();
      w.truth()
          .label()
          .calls()
          .get(0)
          .arguments()
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                  assertTrue(said.contains(v.textValue()), said + " lacks " + v);
                } else if (v.isNumber()) {
                  assertTrue(said.contains(v.decimalValue().toPlainString()), said + " lacks " + v);
                }
              });
    }
  }

  @Test
  void promptsOfferTheNeededToolsPlusTheConfiguredDistractors() {
    for (WorldSample w : world.split(Split.TEST)) {
      Set<String> offered = new HashSet<>();
      w.sample().tools().forEach(t -> offered.add(t.name()));
      assertTrue(offered.containsAll(w.truth().planTools()));
      if (w.truth().shape() != Shape.NO_TOOL) {
        assertEquals(
            new HashSet<>(w.truth().planTools()).size() + 1,
            w.sample().tools().size(),
            w.sample().id());
      }
      w.sample()
          .tools()
          .forEach(
              t -> assertEquals(null, t.returns(), "result schemas stay out of default prompts"));
    }
  }

  @Test
  void historyWindowBoundsTheContextAndStartsAtAUserTurn() {
    WorldConfig c = WorldConfig.defaults(9).withCounts(300, 0).withPrompt(3, 5, 2, true);
    WorldTesting.Collected h = WorldTesting.collect(c);
    int longer = 0;
    for (WorldSample w : h.samples()) {
      List<Message> ms = w.sample().messages();
      assertEquals(Role.USER, ms.get(0).role());
      assertTrue(
          ms.size() <= 5 || ms.stream().skip(1).noneMatch(m -> m.role() == Role.USER),
          w.sample().id() + " has " + ms.size());
      assertNotNull(w.sample().tools().get(0).returns());
      assertTrue(SampleValidator.validate(w.sample()).isEmpty() || w.truth().noise() != null);
      longer += ms.size() > 3 ? 1 : 0;
    }
    assertTrue(longer > 50, "prior exchanges lengthen the history");
  }

  @Test
  void verificationRejectsAssistantSlipsWithTheirReasonAndKeepsThemOutOfTheData() {
    WorldTesting.Collected s =
        WorldTesting.collect(
            WorldConfig.defaults(2).withCounts(300, 0).withSlipRate(0.3).withNoise(0, null));
    assertTrue(s.rejects().size() > 20);
    for (Reject r : s.rejects()) {
      assertTrue(r.reason().startsWith("rule: "), r.reason());
      assertNotNull(r.sample());
      assertFalse(SampleValidator.validate(r.sample()).isEmpty());
    }
    for (WorldSample w : s.samples()) {
      assertTrue(SampleValidator.validate(w.sample()).isEmpty());
    }
    assertEquals(300, s.samples().size());
    WorldTesting.Collected none =
        WorldTesting.collect(WorldConfig.defaults(2).withCounts(300, 0).withSlipRate(0));
    assertEquals(0, none.rejects().size());
  }

  @Test
  void parameterDescriptionsCanBeLeftOutOfPromptsButNotOutOfTheCatalog() {
    WorldGenerator g =
        new WorldGenerator(
            WorldConfig.defaults(8).withCounts(50, 0).withParameterDescriptions(false));
    WorldTesting.Collected c = WorldTesting.collect(g.config());
    for (WorldSample w : c.samples()) {
      w.sample()
          .tools()
          .forEach(
              t ->
                  t.parameters()
                      .properties()
                      .values()
                      .forEach(p -> assertEquals(null, p.description())));
      assertTrue(SampleValidator.validate(w.sample()).isEmpty() || w.truth().noise() != null);
    }
    g.tools()
        .forEach(
            t -> t.parameters().properties().values().forEach(p -> assertNotNull(p.description())));
  }

  @Test
  void dateRangesRunForward() {
    for (WorldSample w : world.samples()) {
      for (ToolCall c : w.truth().label().calls()) {
        JsonNode from =
            c.arguments().has("start_date")
                ? c.arguments().get("start_date")
                : c.arguments().get("startDate");
        JsonNode to =
            c.arguments().has("end_date")
                ? c.arguments().get("end_date")
                : c.arguments().get("endDate");
        if (from != null && to != null) {
          assertTrue(from.asText().compareTo(to.asText()) <= 0, c.toString());
        }
      }
    }
  }

  @Test
  void windowKeepsTheRequestItAnswers() {
    List<Message> ms =
        List.of(
            Message.user("a"),
            Message.assistant("b"),
            Message.user("c"),
            Message.assistant("d"),
            Message.tool("t", "{}"));
    assertEquals(ms.subList(2, 5), WorldGenerator.window(ms, 5, 3));
    assertEquals(ms.subList(2, 5), WorldGenerator.window(ms, 5, 4));
    assertEquals(ms, WorldGenerator.window(ms, 5, 5));
    assertEquals(ms.subList(2, 5), WorldGenerator.window(ms, 5, 1));
  }

  /** A seed-1 world of single-call dialogues over {@code tools} tools with short prompts. */
  private static WorldConfig singleCallWorld(int tools, int train, int test) {
    return WorldConfig.defaults(1)
        .withTools(tools)
        .withShapeMix(WorldConfig.parseMix("single=1", Shape.class))
        .withPrompt(0, 6, 0, false)
        .withCounts(train, test);
  }

  private static dev.looptool.world.synth.Catalog singleCallCatalog(WorldConfig world) {
    return dev.looptool.world.synth.Catalog.synthesize(world.seed(), world.tools(), false);
  }
}

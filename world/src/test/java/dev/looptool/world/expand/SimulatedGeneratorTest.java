package dev.looptool.world.expand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.core.agent.Shape;
import dev.looptool.core.expand.Failure;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.io.SampleJson;
import dev.looptool.core.judge.Verdict;
import dev.looptool.core.model.Origin;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.validate.SampleValidator;
import dev.looptool.world.Reject;
import dev.looptool.world.Split;
import dev.looptool.world.Truth;
import dev.looptool.world.TruthRecord;
import dev.looptool.world.WorldConfig;
import dev.looptool.world.WorldGenerator;
import dev.looptool.world.WorldSample;
import dev.looptool.world.WorldSink;
import dev.looptool.world.judge.SimulatedValidator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedGeneratorTest {
  static WorldGenerator world;
  static final List<WorldSample> noisy = new ArrayList<>();
  static final Truth truth = new Truth();

  @BeforeAll
  static void build() throws Exception {
    world = new WorldGenerator(WorldConfig.defaults(31).withCounts(1200, 0).withNoise(0.5, null));
    world.generate(
        new WorldSink() {
          @Override
          public void sample(WorldSample s) {
            truth.add(s.truth());
            if (s.truth().noise() != null) {
              noisy.add(s);
            }
          }

          @Override
          public void reject(Reject r) {}
        });
  }

  /** The failure a judge would report for a noisy label: the truth is correct, the label wrong. */
  static Failure failure(WorldSample w, int iteration) {
    Sample corrected = w.sample().withLabel(w.truth().label(), w.sample().provenance());
    return new Failure(
        corrected,
        w.truth().label(),
        w.sample().label(),
        Verdict.LABEL_WRONG,
        "label is wrong",
        iteration);
  }

  @Test
  void expansionsKeepShapeToolsTurnAndTheArgumentThatWentWrong() {
    SimulatedGenerator gen = new SimulatedGenerator(world, truth);
    SimulatedValidator validator = new SimulatedValidator(truth, 1, 0.0);
    EnumSet<Shape> shapes = EnumSet.noneOf(Shape.class);
    int focusChecked = 0;
    int changed = 0;
    int made = 0;
    for (WorldSample w : noisy) {
      for (ScenarioVariation v : ScenarioVariation.values()) {
        int attempt = v.ordinal();
        List<WorldSample> out = gen.generateWithTruth(failure(w, 2), v, attempt);
        if (out.isEmpty()) {
          continue;
        }
        made++;
        WorldSample x = out.get(0);
        TruthRecord pt = w.truth();
        TruthRecord xt = x.truth();
        Sample s = x.sample();
        assertEquals(SimulatedGenerator.expansionId(w.sample().id(), 2, attempt), s.id());
        assertEquals(Origin.EXPANDED, s.provenance().origin());
        assertEquals(w.sample().id(), s.provenance().parentId());
        assertEquals(Split.EXPANSION, xt.split());
        assertEquals(v, xt.variation());
        assertEquals(pt.shape(), xt.shape(), s.id());
        assertEquals(pt.planTools(), xt.planTools(), s.id());
        assertEquals(pt.turn(), xt.turn(), s.id());
        assertEquals(pt.label().isText(), xt.label().isText());
        assertTrue(
            SampleValidator.validate(s).isEmpty(), s.id() + " " + SampleValidator.validate(s));
        assertTrue(validator.validate(s, 2).correct(), "expansions carry their true label");
        assertEquals(xt, truth.get(s.id()));
        for (String f : xt.focus()) {
          for (ToolCall c : xt.label().calls()) {
            if (world.catalog().get(c.name()).param(f) != null) {
              assertTrue(c.arguments().has(f), s.id() + " lacks the focus argument " + f);
              focusChecked++;
            }
          }
        }
        if (!SampleJson.callsToJson(xt.label().calls())
                .equals(SampleJson.callsToJson(pt.label().calls()))
            || !s.messages().equals(w.sample().messages())) {
          changed++;
        }
        if (v == ScenarioVariation.USER_PERSONA) {
          assertNotEquals(
              w.sample().meta().path("persona").asText(), s.meta().path("persona").asText());
        }
        if (v == ScenarioVariation.INTERACTION_STYLE && pt.turn() == 0) {
          assertTrue(
              s.messages().size() > w.sample().messages().size(), "one more earlier exchange");
        }
        shapes.add(xt.shape());
      }
    }
    assertTrue(made > 0.95 * noisy.size() * 4, made + " of " + noisy.size() * 4);
    assertEquals(EnumSet.allOf(Shape.class), shapes);
    assertTrue(focusChecked > 100);
    assertEquals(made, changed, "every expansion changes values or phrasing");
  }

  @Test
  void expansionIsDeterministic() {
    WorldSample w = noisy.get(0);
    Truth t1 = new Truth();
    Truth t2 = new Truth();
    t1.add(w.truth());
    t2.add(w.truth());
    var a =
        new SimulatedGenerator(world, t1)
            .generate(failure(w, 1), ScenarioVariation.DATA_VARIATION, 0);
    var b =
        new SimulatedGenerator(world, t2)
            .generate(failure(w, 1), ScenarioVariation.DATA_VARIATION, 0);
    assertEquals(SampleJson.toJson(a.get(0)), SampleJson.toJson(b.get(0)));
    var c =
        new SimulatedGenerator(world, t2)
            .generate(failure(w, 1), ScenarioVariation.DATA_VARIATION, 1);
    assertNotEquals(
        SampleJson.toJson(a.get(0)).replace(".0\"", ""),
        SampleJson.toJson(c.get(0)).replace(".1\"", ""));
  }

  @Test
  void complexityAddsOptionalArguments() {
    SimulatedGenerator gen = new SimulatedGenerator(world, truth);
    long plain = 0;
    long richer = 0;
    for (WorldSample w : noisy) {
      for (WorldSample x :
          gen.generateWithTruth(failure(w, 4), ScenarioVariation.DATA_VARIATION, 0)) {
        plain += optionalArguments(x);
      }
      for (WorldSample x : gen.generateWithTruth(failure(w, 4), ScenarioVariation.COMPLEXITY, 1)) {
        richer += optionalArguments(x);
      }
    }
    // The planner mentions each optional argument at 0.4 by default and at 0.8 for complexity.
    assertTrue(richer > plain * 1.5, "complexity: " + richer + " optional arguments vs " + plain);
  }

  private static long optionalArguments(WorldSample x) {
    long n = 0;
    for (ToolCall c : x.truth().label().calls()) {
      for (var p : world.catalog().get(c.name()).params()) {
        if (!p.required() && c.arguments().has(p.name())) {
          n++;
        }
      }
    }
    return n;
  }
}

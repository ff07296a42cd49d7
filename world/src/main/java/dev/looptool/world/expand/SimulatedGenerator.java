package dev.looptool.world.expand;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.agent.PlanRequest;
import dev.looptool.core.expand.Failure;
import dev.looptool.core.expand.Generator;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.world.Seeds;
import dev.looptool.world.Split;
import dev.looptool.world.Truth;
import dev.looptool.world.TruthRecord;
import dev.looptool.world.WorldGenerator;
import dev.looptool.world.WorldSample;
import dev.looptool.world.judge.CallDiff;
import dev.looptool.world.sim.Personas;
import dev.looptool.world.synth.WorldTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Error-driven expansion in the synthetic world. From a failure it writes one new sample per
 * attempt that keeps the failing structure: the same shape, the same tools in the same order, the
 * same turn of the dialogue, and the argument that went wrong always present (the clarify question
 * asks for it, a same-tool parallel request varies it). The scenario variation changes the rest:
 * DATA_VARIATION draws new values; USER_PERSONA a different persona; INTERACTION_STYLE a different
 * persona and one more earlier exchange in the history; COMPLEXITY more optional arguments. Each
 * new sample's truth is added to the {@link Truth} this generator was given (the caller persists it
 * with {@link #generateWithTruth}).
 */
public final class SimulatedGenerator implements Generator {
  static final int TRIES = 4;

  private final WorldGenerator world;
  private final Truth truth;

  public SimulatedGenerator(WorldGenerator world, Truth truth) {
    this.world = world;
    this.truth = truth;
  }

  /** The id of an expansion: parent id, iteration and attempt. */
  public static String expansionId(String parentId, int iteration, int attempt) {
    return parentId + "-x" + iteration + "." + attempt;
  }

  @Override
  public List<Sample> generate(Failure failure, ScenarioVariation variation, int attempt) {
    List<WorldSample> out = generateWithTruth(failure, variation, attempt);
    List<Sample> samples = new ArrayList<>(out.size());
    for (WorldSample w : out) {
      samples.add(w.sample());
    }
    return samples;
  }

  /** The new samples with their truth records (already added to this generator's truth). */
  public List<WorldSample> generateWithTruth(
      Failure failure, ScenarioVariation variation, int attempt) {
    Sample parent = failure.sample();
    TruthRecord pt = truth.require(parent.id());
    List<String> focusTools = new ArrayList<>(pt.planTools());
    for (String n : focusTools) {
      if (world.catalog().get(n) == null) {
        throw new IllegalArgumentException(
            "sample '"
                + parent.id()
                + "' uses tool '"
                + n
                + "', which this world's catalog lacks (another seed or tool count?)");
      }
    }
    List<String> focus = focusArguments(failure, pt);
    List<String> focusParams = new ArrayList<>();
    for (String f : focus) {
      for (String n : focusTools) {
        WorldTool t = world.catalog().get(n);
        if (t.param(f) != null && !focusParams.contains(f)) {
          focusParams.add(f);
        }
      }
    }
    String parentPersona = parent.meta().path("persona").asText(null);
    int iteration = failure.iteration();
    for (int tryNo = 0; tryNo < TRIES; tryNo++) {
      long seed =
          Seeds.of(
              world.config().seed(),
              parent.id(),
              ((long) iteration << 32) + (attempt << 8) + tryNo);
      SplittableRandom rng = new SplittableRandom(seed);
      String persona = parentPersona;
      int prior = world.config().priorExchanges();
      boolean richer = false;
      switch (variation) {
        case USER_PERSONA:
          persona = otherPersona(parentPersona, rng);
          break;
        case INTERACTION_STYLE:
          persona = otherPersona(parentPersona, rng);
          prior += 1;
          break;
        case COMPLEXITY:
          richer = true;
          break;
        default:
          break;
      }
      PlanRequest request =
          new PlanRequest(
              world.tools(),
              pt.shape(),
              focusTools,
              focusParams,
              persona,
              richer,
              Seeds.of(seed, 1));
      String id = expansionId(parent.id(), iteration, attempt);
      WorldGenerator.Outcome o =
          world.simulate(request, Seeds.of(seed, 2), id, Split.EXPANSION, prior);
      if (o.reject() != null || o.samples().isEmpty()) {
        continue; // a slip of the simulated assistant: try again with the next seed
      }
      int turn = Math.min(pt.turn(), o.samples().size() - 1);
      Sample s = o.samples().get(turn).withId(id);
      if (s.messages().equals(parent.messages())
          && s.label().calls().equals(parent.label().calls())) {
        continue; // a tiny pool (a tool without parameters) gave the parent again: not a new sample
      }
      ObjectNode meta = s.meta().deepCopy();
      meta.put("variation", variation.name().toLowerCase(Locale.ROOT));
      s =
          new Sample(
              id,
              s.tools(),
              s.messages(),
              s.label(),
              Provenance.expanded(parent.id(), iteration),
              meta);
      TruthRecord base = o.truth(id, Split.EXPANSION, turn);
      TruthRecord t =
          new TruthRecord(
              id,
              Split.EXPANSION,
              base.shape(),
              base.domain(),
              base.planTools(),
              base.turn(),
              base.askFor(),
              base.label(),
              null,
              false,
              parent.id(),
              iteration,
              attempt,
              variation,
              focus);
      truth.add(t);
      return List.of(new WorldSample(s, t));
    }
    return List.of();
  }

  /** What went wrong: argument names (or "tool") from the failure's correct and wrong answers. */
  static List<String> focusArguments(Failure f, TruthRecord pt) {
    List<ToolCall> correct = f.correct() != null ? f.correct().calls() : pt.label().calls();
    List<ToolCall> wrong = f.wrong() != null ? f.wrong().calls() : List.of();
    List<String> out = new ArrayList<>(CallDiff.wrongArguments(correct, wrong));
    if (pt.askFor() != null && !out.contains(pt.askFor())) {
      out.add(pt.askFor());
    }
    return out;
  }

  private static String otherPersona(String current, SplittableRandom rng) {
    List<String> names = Personas.names();
    for (int i = 0; i < 16; i++) {
      String p = names.get(rng.nextInt(names.size()));
      if (!Objects.equals(p, current)) {
        return p;
      }
    }
    return names.get(0);
  }
}

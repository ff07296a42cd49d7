package dev.looptool.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.agent.Assistant;
import dev.looptool.core.agent.DialoguePlan;
import dev.looptool.core.agent.PlanRequest;
import dev.looptool.core.agent.Planner;
import dev.looptool.core.agent.ToolAgent;
import dev.looptool.core.agent.User;
import dev.looptool.core.json.Json;
import dev.looptool.core.match.ToolMatch;
import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Provenance;
import dev.looptool.core.model.Role;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolCall;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.core.validate.SampleValidator;
import dev.looptool.world.sim.SimulatedAssistant;
import dev.looptool.world.sim.SimulatedPlanner;
import dev.looptool.world.sim.SimulatedTool;
import dev.looptool.world.sim.SimulatedUser;
import dev.looptool.world.synth.Catalog;
import dev.looptool.world.synth.WorldTool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The synthetic world's streaming entry point: synthesises the tool catalog, then simulates
 * dialogues with the four agents, verifies them with the schema rules, turns every assistant turn
 * into a sample, corrupts seed-pool labels at the configured noise rate, and streams each sample
 * with its truth to a {@link WorldSink}, one at a time: memory grows only by one 64-bit prompt
 * fingerprint per pool sample (kept to hold test prompts out of the pool).
 *
 * <pre>{@code
 * WorldGenerator world = new WorldGenerator(WorldConfig.defaults(7).withCounts(100_000, 0));
 * WorldStats stats = world.generate(new WorldSink() {
 *   public void sample(WorldSample s) { ... s.sample() to the pool, s.truth() to the truth file ... }
 *   public void reject(Reject r) { ... to rejects.jsonl ... }
 * });
 * }</pre>
 *
 * <p>Determinism: every draw comes from a {@link SplittableRandom} seeded from the world seed and
 * the draw's coordinates (split, dialogue index, turn, sample index), so the same config gives the
 * same samples in the same order, and a dialogue does not depend on the ones before it. Sample ids
 * are {@code w<seed>-<n>} in the pool and {@code w<seed>-t<n>} in the test set, numbered in order.
 *
 * <p>Rejected dialogues (a rule violation, or an answer that departs from the plan) are replaced by
 * further dialogues, so the counts asked for are always met. A dialogue's samples stay in one
 * split; the last dialogue of a split contributes only the samples still needed. A test dialogue
 * that would show the model a prompt the pool already has, word for word, is left out (counted in
 * stats.json as {@code test_overlap_skipped}), so the test set stays held out.
 */
public final class WorldGenerator {
  /**
   * Consecutive rejects after which generation stops: the agents are not producing usable
   * dialogues.
   */
  static final int MAX_CONSECUTIVE_REJECTS = 1000;

  private final WorldConfig config;
  private final Catalog catalog;
  private final DialogueSimulator simulator;
  private final LabelNoise noise;
  private final Map<String, WorldTool> byName = new HashMap<>();

  /** A world played by the simulated agents. */
  public WorldGenerator(WorldConfig config) {
    this(
        config,
        Catalog.synthesize(
            config.seed(),
            config.tools(),
            config.resultSchemaInPrompt(),
            config.parameterDescriptionsInPrompt()),
        null,
        null,
        null,
        null);
  }

  /**
   * A world with the given agents (null for the simulated one of a role), e.g. LLM-backed agents
   * that play over the synthesised catalog.
   */
  public WorldGenerator(
      WorldConfig config,
      Catalog catalog,
      Planner planner,
      User user,
      Assistant assistant,
      ToolAgent tool) {
    this.config = config;
    this.catalog = catalog;
    Map<String, ToolSpec> specs = new HashMap<>();
    Map<String, ToolSpec> promptSpecs = new HashMap<>();
    for (WorldTool t : catalog.tools()) {
      byName.put(t.name(), t);
      specs.put(t.name(), t.spec());
      promptSpecs.put(t.name(), t.promptSpec());
    }
    this.simulator =
        new DialogueSimulator(
            planner != null ? planner : new SimulatedPlanner(catalog, config),
            user != null ? user : new SimulatedUser(catalog),
            assistant != null ? assistant : new SimulatedAssistant(catalog, config.slipRate()),
            tool != null ? tool : new SimulatedTool(catalog),
            specs,
            promptSpecs);
    this.noise = new LabelNoise(catalog, config.noiseMix());
  }

  public WorldConfig config() {
    return config;
  }

  public Catalog catalog() {
    return catalog;
  }

  /** The full tool specs (with result schemas), as tools.jsonl lists them. */
  public List<ToolSpec> tools() {
    return catalog.specs();
  }

  /** The id of the n-th sample of a split. */
  public static String sampleId(long seed, Split split, long n) {
    return split == Split.TEST ? "w" + seed + "-t" + n : "w" + seed + "-" + n;
  }

  /**
   * Streams the seed pool ({@code train} samples, noisy) and then the test set ({@code test},
   * clean).
   */
  public WorldStats generate(WorldSink sink) throws IOException {
    WorldStats stats = new WorldStats();
    stats.tools(catalog.tools());
    Set<Long> poolPrompts = new HashSet<>();
    run(Split.POOL, config.train(), sink, stats, poolPrompts);
    run(Split.TEST, config.test(), sink, stats, poolPrompts);
    return stats;
  }

  /**
   * A 64-bit fingerprint of what a model is shown (tool names and conversation), so that a test
   * dialogue that repeats a pool prompt word for word can be left out of the held-out set.
   */
  static long promptKey(Sample s) {
    int tools = 1;
    for (ToolSpec t : s.tools()) {
      tools = 31 * tools + t.name().hashCode();
    }
    return ((long) tools << 32) ^ (s.messages().hashCode() & 0xffffffffL);
  }

  private void run(Split split, int count, WorldSink sink, WorldStats stats, Set<Long> poolPrompts)
      throws IOException {
    long n = 0;
    int consecutiveRejects = 0;
    int consecutiveOverlaps = 0;
    for (long d = 0; n < count; d++) {
      long dseed = Seeds.of(config.seed(), split.ordinal() + 1L, d);
      String dialogueId = "w" + config.seed() + "-" + split.wireName() + "-d" + d;
      Outcome o =
          simulate(
              PlanRequest.open(catalog.specs(), Seeds.of(dseed, 0)),
              Seeds.of(dseed, 1),
              dialogueId,
              split);
      stats.dialogue();
      if (o.reject != null) {
        stats.reject(o.reject);
        sink.reject(o.reject);
        if (++consecutiveRejects >= MAX_CONSECUTIVE_REJECTS) {
          throw new IllegalStateException(
              MAX_CONSECUTIVE_REJECTS
                  + " dialogues in a row failed verification; last: "
                  + o.reject.reason());
        }
        continue;
      }
      consecutiveRejects = 0;
      if (split == Split.TEST
          && o.samples.stream().anyMatch(x -> poolPrompts.contains(promptKey(x)))) {
        stats.testOverlap();
        if (++consecutiveOverlaps >= MAX_CONSECUTIVE_REJECTS) {
          throw new IllegalStateException(
              "the world is too small to hold out "
                  + count
                  + " test samples that differ from the pool ("
                  + MAX_CONSECUTIVE_REJECTS
                  + " test dialogues in a row repeated a pool prompt); synthesise more tools");
        }
        continue;
      }
      consecutiveOverlaps = 0;
      for (int t = 0; t < o.samples.size() && n < count; t++, n++) {
        String id = sampleId(config.seed(), split, n);
        Sample s = o.samples.get(t).withId(id);
        TruthRecord truth = o.truth(id, split, t);
        if (split == Split.POOL && config.noiseRate() > 0) {
          SplittableRandom rng = new SplittableRandom(Seeds.of(config.seed(), 7, n));
          if (rng.nextDouble() < config.noiseRate()) {
            ToolCall pending = null;
            String askFor = o.dialogue.plan().turns().get(t).askFor();
            if (askFor != null) {
              pending = o.dialogue.turns().get(t + 1).truth().calls().get(0);
            }
            LabelNoise.Noised noisy = noise.apply(s.label(), s.tools(), pending, askFor, rng);
            if (noisy != null) {
              s = s.withLabel(noisy.label(), s.provenance());
              truth = truth.withNoise(noisy.kind(), !SampleValidator.validate(s).isEmpty());
            }
          }
        }
        if (split == Split.POOL) {
          poolPrompts.add(promptKey(s));
        }
        WorldSample ws = new WorldSample(s, truth);
        stats.sample(ws, o.dialogue.plan().persona(), byName);
        sink.sample(ws);
      }
    }
  }

  /**
   * A simulated, verified dialogue: its samples (ids still to assign), or the reason it was
   * rejected.
   */
  public static final class Outcome {
    final Dialogue dialogue;
    final List<Sample> samples;
    final Reject reject;

    Outcome(Dialogue dialogue, List<Sample> samples, Reject reject) {
      this.dialogue = dialogue;
      this.samples = samples;
      this.reject = reject;
    }

    public Dialogue dialogue() {
      return dialogue;
    }

    /** One sample per assistant turn, with provisional ids {@code <dialogue>-<turn>}. */
    public List<Sample> samples() {
      return samples;
    }

    /** The truth of the sample of turn {@code t}, under its final id. */
    public TruthRecord truth(String id, Split split, int t) {
      DialoguePlan plan = dialogue.plan();
      List<String> planTools = new ArrayList<>(3);
      String askFor = null;
      for (var pt : plan.turns()) {
        for (ToolCall c : pt.calls()) {
          planTools.add(c.name());
        }
        askFor = askFor == null ? pt.askFor() : askFor;
      }
      return TruthRecord.seed(
          id,
          split,
          plan.shape(),
          plan.domain(),
          planTools,
          t,
          askFor,
          dialogue.turns().get(t).truth());
    }

    /** Why verification rejected the dialogue, or null when it passed. */
    public Reject reject() {
      return reject;
    }
  }

  /** Plans, simulates and verifies one dialogue. */
  public Outcome simulate(PlanRequest request, long seed, String dialogueId, Split split) {
    return simulate(request, seed, dialogueId, split, config.priorExchanges());
  }

  /** Plans, simulates and verifies one dialogue with the given number of earlier exchanges. */
  public Outcome simulate(
      PlanRequest request, long seed, String dialogueId, Split split, int priorExchanges) {
    DialoguePlan plan;
    Dialogue dialogue;
    try {
      plan = simulator.planner().plan(request);
      dialogue = simulator.run(plan, priorExchanges, seed);
    } catch (Exception e) {
      // An agent that fails (an LLM's unusable answer, an unknown tool in a plan) costs the
      // dialogue, not the run; the reason is kept in the rejects.
      return new Outcome(
          null,
          List.of(),
          new Reject(dialogueId, split, request.shape(), "$", "agent_error: " + e, null));
    }
    List<ToolSpec> tools = simulator.offered(plan);
    List<Sample> samples = new ArrayList<>(dialogue.turns().size());
    for (int t = 0; t < dialogue.turns().size(); t++) {
      Dialogue.Turn turn = dialogue.turns().get(t);
      Message answer = turn.answer();
      Label label =
          answer.hasToolCalls()
              ? Label.ofCalls(answer.toolCalls())
              : Label.ofText(answer.content());
      ObjectNode meta = Json.object();
      meta.put("shape", plan.shape().wireName());
      meta.put("domain", plan.domain());
      meta.put("persona", plan.persona());
      meta.put("turn", t);
      meta.put("turns", dialogue.turns().size());
      Sample s =
          new Sample(
              dialogueId + "-" + t,
              tools,
              window(dialogue.messages(), turn.contextEnd(), config.historyWindow()),
              label,
              Provenance.seed(),
              meta);
      List<SampleValidator.Problem> problems = SampleValidator.validate(s);
      if (!problems.isEmpty()) {
        SampleValidator.Problem p = problems.get(0);
        return new Outcome(
            dialogue,
            List.of(),
            new Reject(dialogueId, split, plan.shape(), p.field(), "rule: " + p.message(), s));
      }
      boolean faithful =
          turn.truth().isText()
              ? !answer.hasToolCalls()
              : ToolMatch.matches(answer.toolCalls(), turn.truth().calls());
      if (!faithful) {
        return new Outcome(
            dialogue,
            List.of(),
            new Reject(
                dialogueId,
                split,
                plan.shape(),
                "label",
                "off_plan: the answer is not the planned one",
                s));
      }
      samples.add(s);
    }
    return new Outcome(dialogue, samples, null);
  }

  /**
   * The context a sample keeps: at most {@code window} messages before {@code end}, starting at a
   * user turn; when no user turn lies within the window, from the last user turn (a sample must
   * keep the request it answers).
   */
  static List<Message> window(List<Message> messages, int end, int window) {
    int start = Math.max(0, end - window);
    if (start == 0) {
      return messages.subList(0, end);
    }
    for (int i = start; i < end; i++) {
      if (messages.get(i).role() == Role.USER) {
        return messages.subList(i, end);
      }
    }
    for (int i = start - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return messages.subList(i, end);
      }
    }
    return messages.subList(0, end);
  }
}

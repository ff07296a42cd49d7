package dev.looptool.world;

import dev.looptool.core.agent.Shape;
import dev.looptool.core.expand.ScenarioVariation;
import dev.looptool.core.model.Label;
import java.util.List;

/**
 * What the world knows about one sample and the training side never sees: the true label; the noise
 * applied to the label it was given (null when clean) and whether that noise broke the schema
 * rules; its shape and domain; the tools its dialogue's plan calls, in order; which turn of the
 * dialogue it is; the parameter its dialogue's clarifying question asks for (null if none); and for
 * expansions the parent, iteration, attempt, scenario variation and the arguments (or "tool") the
 * failure was about.
 */
public record TruthRecord(
    String id,
    Split split,
    Shape shape,
    String domain,
    List<String> planTools,
    int turn,
    String askFor,
    Label label,
    NoiseKind noise,
    boolean noiseInvalid,
    String parentId,
    int iteration,
    int attempt,
    ScenarioVariation variation,
    List<String> focus) {
  public TruthRecord {
    planTools = planTools == null ? List.of() : List.copyOf(planTools);
    focus = focus == null ? List.of() : List.copyOf(focus);
  }

  /** The truth of a seed or test sample. */
  public static TruthRecord seed(
      String id,
      Split split,
      Shape shape,
      String domain,
      List<String> planTools,
      int turn,
      String askFor,
      Label label) {
    return new TruthRecord(
        id, split, shape, domain, planTools, turn, askFor, label, null, false, null, 0, 0, null,
        List.of());
  }

  public TruthRecord withNoise(NoiseKind kind, boolean invalid) {
    return new TruthRecord(
        id, split, shape, domain, planTools, turn, askFor, label, kind, invalid, parentId,
        iteration, attempt, variation, focus);
  }
}

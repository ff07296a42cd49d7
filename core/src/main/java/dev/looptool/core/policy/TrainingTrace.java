package dev.looptool.core.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.looptool.core.json.Json;
import java.util.List;

/**
 * What each optimizer step of a training phase saw: its loss, the mean reward of its sampled
 * completions and, for GRPO, how many of its prompt groups had unequal rewards. A GRPO group whose
 * completions all score the same has zero advantages and teaches nothing, so the share of groups
 * with unequal rewards is the phase's training signal. SFT steps have no reward: NaN.
 */
public record TrainingTrace(List<Step> steps) {
  public TrainingTrace {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  public static final TrainingTrace EMPTY = new TrainingTrace(List.of());

  /** One optimizer step (1-based): its loss, mean reward, and informative / all prompt groups. */
  public record Step(long step, double loss, double reward, int informativeGroups, int groups) {}

  /** The mean of the steps' mean rewards; NaN when no step had a reward. */
  public double meanReward() {
    double sum = 0;
    int n = 0;
    for (Step s : steps) {
      if (!Double.isNaN(s.reward())) {
        sum += s.reward();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * The share of all prompt groups of the phase whose rewards were unequal (GRPO's signal); NaN
   * when the phase had no groups (SFT).
   */
  public double informativeShare() {
    long informative = 0;
    long groups = 0;
    for (Step s : steps) {
      informative += s.informativeGroups();
      groups += s.groups();
    }
    return groups == 0 ? Double.NaN : (double) informative / groups;
  }

  /**
   * The trace as the report reads it: {@code {"meanReward", "informativeShare", "steps": [{"step",
   * "loss", "reward", "informativeGroups", "groups"}]}}, NaN written as null.
   */
  public byte[] toJson() {
    ObjectNode o = Json.object();
    putNumber(o, "meanReward", meanReward());
    putNumber(o, "informativeShare", informativeShare());
    ArrayNode arr = o.putArray("steps");
    for (Step s : steps) {
      ObjectNode n = arr.addObject();
      n.put("step", s.step());
      putNumber(n, "loss", s.loss());
      putNumber(n, "reward", s.reward());
      n.put("informativeGroups", s.informativeGroups());
      n.put("groups", s.groups());
    }
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a training trace is plain JSON", e);
    }
  }

  private static void putNumber(ObjectNode o, String field, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      o.putNull(field);
    } else {
      o.put(field, v);
    }
  }
}

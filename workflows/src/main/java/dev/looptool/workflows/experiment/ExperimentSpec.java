package dev.looptool.workflows.experiment;

import dev.looptool.workflows.loop.SpecPatch;
import dev.looptool.workflows.spec.RunSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment: one run spec whose seed data and SFT warm-up all arms share, the arms (default:
 * {@link Arm#DEFAULTS}), and how many policy seeds to repeat them over (arm runs of seed {@code s}
 * use {@code policy.seed + s}). The first arm is the reference every other is compared with.
 */
public record ExperimentSpec(String name, RunSpec run, List<Arm> arms, Integer seeds) {

  /** The spec with defaults: the run's, the default arms, one seed. */
  public ExperimentSpec resolved() {
    return new ExperimentSpec(
        name,
        RunSpec.resolve(run),
        arms == null || arms.isEmpty() ? Arm.DEFAULTS : List.copyOf(arms),
        seeds == null ? 1 : seeds);
  }

  /** Problems of a resolved spec, each naming its field; empty when valid. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    run.problems().forEach(x -> p.add("run." + x));
    if (seeds < 1) {
      p.add("seeds: must be at least 1");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < arms.size(); i++) {
      Arm a = arms.get(i);
      String at = "arms[" + i + "]";
      if (a.name() == null || !a.name().matches("[A-Za-z0-9_-]{1,40}")) {
        p.add(at + ".name: must be 1 to 40 letters, digits, '-' or '_' (it names the arm's run)");
      } else if (!names.add(a.name())) {
        p.add(at + ".name: '" + a.name() + "' names two arms");
      }
      if (a.patch().containsKey("data")) {
        p.add(
            at + ".patch.data: arms share the seed data and π_0; data cannot differ between arms");
      } else if (!a.patch().isEmpty()) {
        try {
          SpecPatch.apply(run, a.patch());
        } catch (IllegalArgumentException e) {
          p.add(at + ".patch: " + e.getMessage());
        }
      }
    }
    return p;
  }

  /** The run spec of {@code arm} for seed index {@code seed} (0-based). */
  public RunSpec armSpec(Arm arm, int seed) {
    RunSpec s = arm.patch().isEmpty() ? run : SpecPatch.apply(run, arm.patch());
    if (seed == 0) {
      return s;
    }
    return SpecPatch.apply(s, Map.of("policy", Map.of("seed", s.policy().seed() + seed)));
  }

  /**
   * The workflow id of an arm's run: {@code <experiment>-<arm>}, with {@code -s<N>} past seed 0.
   */
  public static String armRunId(String experimentId, Arm arm, int seed) {
    return experimentId + "-" + arm.name() + (seed == 0 ? "" : "-s" + seed);
  }
}

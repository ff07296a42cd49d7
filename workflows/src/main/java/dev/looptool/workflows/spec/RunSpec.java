package dev.looptool.workflows.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a LoopTool run needs, in one record: the workflow's input, as JSON (what `temporal
 * workflow start --input-file` sends) or YAML (what `looptool start --config` reads). Every field
 * is optional; {@link #withDefaults()} fills in LOOPTOOL.md's defaults, which each record declares
 * once as its {@code DEFAULTS} document (see {@link SpecDefaults}). Fields are only ever added, so
 * old histories still decode. See docs/run-spec.md.
 */
public record RunSpec(
    String name,
    Integer iterations,
    DataSpec data,
    PolicySpec policy,
    JudgeSpec judge,
    GeneratorSpec generator,
    MergeSpec merge,
    Ablations ablations,
    ExecutionSpec execution)
    implements Defaultable<RunSpec> {

  /** The run's own default; each sub-spec declares its own. */
  static final ObjectNode DEFAULTS = SpecDefaults.document().put("iterations", 3);

  /** A spec with nothing set: every field takes its default once resolved. */
  public static RunSpec empty() {
    return SpecDefaults.empty(RunSpec.class);
  }

  /**
   * The spec a run executes for {@code input}: its defaults filled in, a missing input read as the
   * empty spec.
   */
  public static RunSpec resolve(RunSpec input) {
    return (input == null ? empty() : input).withDefaults();
  }

  @Override
  public RunSpec withDefaults() {
    return SpecDefaults.fill(this, DEFAULTS);
  }

  /**
   * Problems of a spec after {@link #withDefaults()}, each naming the field's path ({@code
   * policy.groupSize: ...}); empty when valid. Each sub-spec checks its own fields.
   */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (iterations < 1) {
      p.add("iterations: must be at least 1");
    }
    p.addAll(data.problems("data"));
    p.addAll(policy.problems("policy"));
    p.addAll(judge.problems("judge"));
    p.addAll(generator.problems("generator"));
    p.addAll(merge.problems("merge"));
    p.addAll(execution.problems("execution"));
    // The simulated backends answer from the synthetic world's truth, which a files run has not.
    if (DataSpec.FILES.equals(data.source())) {
      if (JudgeSpec.SIMULATED.equals(judge.backend())) {
        p.add(
            "judge.backend: 'simulated' answers from the synthetic world's truth; a run on your"
                + " own files needs an LLM judge (judge.backend: openai, see docs/backends.md)");
      }
      if (JudgeSpec.SIMULATED.equals(generator.backend())) {
        p.add(
            "generator.backend: 'simulated' answers from the synthetic world's truth; a run on"
                + " your own files needs an LLM generator (generator.backend: openai)");
      }
    }
    return p;
  }
}

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

  /** Problems of a spec after {@link #withDefaults()}, each naming the field; empty when valid. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (iterations < 1) {
      p.add("iterations: must be at least 1");
    }
    if (!DataSpec.WORLD.equals(data.source()) && !DataSpec.FILES.equals(data.source())) {
      p.add("data.source: must be 'world' or 'files', got '" + data.source() + "'");
    }
    if (DataSpec.FILES.equals(data.source())) {
      if (data.seedFile() == null || data.seedFile().isBlank()) {
        p.add("data.seedFile: required when data.source is 'files'");
      }
      if (data.testFile() == null || data.testFile().isBlank()) {
        p.add("data.testFile: required when data.source is 'files'");
      }
    }
    if (data.world() != null && DataSpec.WORLD.equals(data.source())) {
      WorldSpec w = data.world();
      if (w.train() < 2) {
        p.add("data.world.train: must be at least 2");
      }
      if (w.test() < 1) {
        p.add("data.world.test: must be at least 1");
      }
      if (w.tools() < 1) {
        p.add("data.world.tools: must be at least 1");
      }
      if (w.noise() < 0 || w.noise() > 1) {
        p.add("data.world.noise: must be within [0, 1]");
      }
    }
    if (data.initialSize() != null && data.initialSize() < 1) {
      p.add("data.initialSize: must be at least 1");
    }
    if (data.warmupSize() != null && data.warmupSize() < 0) {
      p.add("data.warmupSize: must not be negative");
    }
    if (!PolicySpec.BUILTIN.equals(policy.backend())
        && !PolicySpec.EXTERNAL.equals(policy.backend())) {
      p.add("policy.backend: must be 'builtin' or 'external', got '" + policy.backend() + "'");
    }
    if (PolicySpec.EXTERNAL.equals(policy.backend())) {
      if (policy.external() == null
          || policy.external().command() == null
          || policy.external().command().isEmpty()) {
        p.add("policy.external.command: required when policy.backend is 'external'");
      }
      if (policy.prober() == null) {
        p.add(
            "policy.prober: an OpenAI-compatible endpoint is required when policy.backend is 'external'");
      }
    }
    if (policy.groupSize() < 2) {
      p.add("policy.groupSize: GRPO needs at least 2 samples per prompt");
    }
    if (policy.grpoSteps() < 0 || policy.sftSteps() < 0) {
      p.add("policy.grpoSteps/sftSteps: must not be negative");
    }
    if (policy.clipLow() < 0 || policy.clipHigh() < 0) {
      p.add("policy.clipLow/clipHigh: must not be negative");
    }
    checkBackend(p, "judge", judge.backend(), judge.endpoints().size());
    checkBackend(p, "generator", generator.backend(), generator.endpoints().size());
    if (judge.errorRate() < 0 || judge.errorRate() > 1) {
      p.add("judge.errorRate: must be within [0, 1]");
    }
    if (judge.voters() < 1) {
      p.add("judge.voters: must be at least 1");
    }
    if (judge.quorum() < 1 || judge.quorum() > judge.voters()) {
      p.add("judge.quorum: must be within [1, judge.voters]");
    }
    if (generator.k() < 1) {
      p.add("generator.k: must be at least 1");
    }
    for (String v : generator.scenarioWeights().keySet()) {
      if (!List.of("COMPLEXITY", "USER_PERSONA", "INTERACTION_STYLE", "DATA_VARIATION")
          .contains(v)) {
        p.add("generator.scenarioWeights: unknown variation '" + v + "'");
      }
    }
    if (generator.scenarioWeights().values().stream().mapToDouble(Double::doubleValue).sum() <= 0
        || generator.scenarioWeights().values().stream().anyMatch(w -> w < 0)) {
      p.add("generator.scenarioWeights: weights must be non-negative and not all zero");
    }
    if (merge.budget() < 0) {
      p.add("merge.budget: must not be negative (0 means |D_1|)");
    }
    if (merge.seedNewRatio() < 0) {
      p.add("merge.seedNewRatio: must not be negative");
    }
    if (execution.shardSize() < 1) {
      p.add("execution.shardSize: must be at least 1");
    }
    if (execution.maxParallelShards() < 1) {
      p.add("execution.maxParallelShards: must be at least 1");
    }
    if (execution.heartbeatSeconds() < 1) {
      p.add("execution.heartbeatSeconds: must be at least 1");
    }
    return p;
  }

  private static void checkBackend(List<String> p, String field, String backend, int endpoints) {
    if (!JudgeSpec.SIMULATED.equals(backend) && !JudgeSpec.OPENAI.equals(backend)) {
      p.add(field + ".backend: must be 'simulated' or 'openai', got '" + backend + "'");
    } else if (JudgeSpec.OPENAI.equals(backend) && endpoints == 0) {
      p.add(
          field
              + ".endpoints: at least one endpoint is required when "
              + field
              + ".backend is 'openai'");
    }
  }
}

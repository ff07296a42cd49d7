package dev.looptool.activities.backends;

import dev.looptool.core.expand.Generator;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.judge.Judge;
import dev.looptool.core.judge.ResponseValidator;
import dev.looptool.workflows.spec.GeneratorSpec;
import dev.looptool.workflows.spec.JudgeSpec;
import java.util.Map;

/**
 * Chooses each role's backend by the name the run spec gives ({@code simulated}, {@code openai});
 * the truth always comes from the simulated world's files, the only place it is known.
 */
public final class RoutingBackends implements ModelBackends {
  private final Map<String, ModelBackends> byName;
  private final ModelBackends truthSource;

  public RoutingBackends(Map<String, ModelBackends> byName, ModelBackends truthSource) {
    this.byName = Map.copyOf(byName);
    this.truthSource = truthSource;
  }

  private ModelBackends pick(String name, String role) {
    ModelBackends b = byName.get(name);
    if (b == null) {
      throw new BadInputException(
          role
              + ".backend '"
              + name
              + "' is not available in this worker (available: "
              + byName.keySet()
              + ")");
    }
    return b;
  }

  @Override
  public Judge judge(JudgeSpec spec, RunContext run) throws Exception {
    return pick(spec.backend(), "judge").judge(spec, run);
  }

  @Override
  public ResponseValidator validator(JudgeSpec spec, RunContext run) throws Exception {
    return pick(spec.backend(), "judge").validator(spec, run);
  }

  @Override
  public Generator generator(GeneratorSpec spec, RunContext run) throws Exception {
    return pick(spec.backend(), "generator").generator(spec, run);
  }

  @Override
  public TruthIndex truth(RunContext run) throws Exception {
    return run.truthKey() == null ? TruthIndex.NONE : truthSource.truth(run);
  }
}

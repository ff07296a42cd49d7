package dev.looptool.activities.backends;

import dev.looptool.core.expand.Generator;
import dev.looptool.core.judge.Judge;
import dev.looptool.core.judge.ResponseValidator;
import dev.looptool.core.store.ArtifactStore;
import dev.looptool.workflows.spec.GeneratorSpec;
import dev.looptool.workflows.spec.JudgeSpec;

/**
 * Builds the model roles a stage needs from the run spec: the simulated world's judge, validator
 * and generator, or LLM-backed ones behind OpenAI-compatible endpoints. One implementation per
 * worker process, shared by its activities.
 */
public interface ModelBackends {
  Judge judge(JudgeSpec spec, RunContext run) throws Exception;

  ResponseValidator validator(JudgeSpec spec, RunContext run) throws Exception;

  Generator generator(GeneratorSpec spec, RunContext run) throws Exception;

  /** The truth of a run's samples (seed and expansions), for metrics and simulated roles. */
  TruthIndex truth(RunContext run) throws Exception;

  /**
   * What a role needs to know about the run: its store, id, world truth file (or null) and
   * iteration.
   */
  record RunContext(ArtifactStore store, String runId, String truthKey, int iteration) {}
}

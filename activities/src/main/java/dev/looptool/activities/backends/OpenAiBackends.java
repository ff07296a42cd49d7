package dev.looptool.activities.backends;

import dev.looptool.activities.llm.LlmBackends;
import dev.looptool.core.expand.Generator;
import dev.looptool.core.io.BadInputException;
import dev.looptool.core.judge.Judge;
import dev.looptool.core.judge.ResponseValidator;
import dev.looptool.core.llm.JudgeConfig;
import dev.looptool.workflows.spec.EndpointSpec;
import dev.looptool.workflows.spec.GeneratorSpec;
import dev.looptool.workflows.spec.JudgeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The judge, validator and generator behind OpenAI-compatible endpoints (vLLM, SGLang, Ollama, a
 * hosted API). Clients are shared per endpoint across activities of this worker.
 */
public final class OpenAiBackends implements ModelBackends {
  private final LlmBackends llm;

  public OpenAiBackends(LlmBackends llm) {
    this.llm = llm;
  }

  @Override
  public Judge judge(JudgeSpec spec, RunContext run) {
    List<JudgeConfig.Voter> voters = new ArrayList<>();
    List<EndpointSpec> endpoints = spec.endpoints();
    if (endpoints.isEmpty()) {
      throw new BadInputException(
          "judge.endpoints: at least one endpoint is required for the openai judge");
    }
    for (int i = 0; i < spec.voters(); i++) {
      // K voters over the listed endpoints, round robin: one endpoint may serve several voters.
      EndpointSpec e = endpoints.get(i % endpoints.size());
      voters.add(
          new JudgeConfig.Voter(
              e.model() + "#" + i,
              Endpoints.config(e, "judge.endpoints[" + (i % endpoints.size()) + "]")));
    }
    try {
      return llm.judge(new JudgeConfig(voters, spec.quorum(), spec.bothOrders()));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("judge: " + e.getMessage());
    }
  }

  @Override
  public ResponseValidator validator(JudgeSpec spec, RunContext run) {
    if (spec.endpoints().isEmpty()) {
      throw new BadInputException(
          "judge.endpoints: the validator uses the judge's first endpoint; none is given");
    }
    return llm.validator(Endpoints.config(spec.endpoints().get(0), "judge.endpoints[0]"));
  }

  @Override
  public Generator generator(GeneratorSpec spec, RunContext run) {
    if (spec.endpoints().isEmpty()) {
      throw new BadInputException(
          "generator.endpoints: at least one endpoint is required for the openai generator");
    }
    // Unusable generations surface as rejected outcomes of the expand stage (an empty answer).
    return llm.generator(
        Endpoints.config(spec.endpoints().get(0), "generator.endpoints[0]"),
        1,
        (failure, attempt, reject) -> {});
  }

  @Override
  public TruthIndex truth(RunContext run) {
    return TruthIndex.NONE;
  }
}

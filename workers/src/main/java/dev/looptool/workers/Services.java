package dev.looptool.workers;

import dev.looptool.activities.backends.ModelBackends;
import dev.looptool.activities.backends.OpenAiBackends;
import dev.looptool.activities.backends.RoutingBackends;
import dev.looptool.activities.backends.SimulatedBackends;
import dev.looptool.activities.backends.WorldSeeds;
import dev.looptool.activities.llm.LlmBackends;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.workflows.spec.JudgeSpec;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Map;

/** Builds what a worker process's activities share: the artifact store and the model backends. */
public final class Services {
  private Services() {}

  public static WorkerHost.Services create(Path storeDir, MeterRegistry metrics) {
    SimulatedBackends simulated = new SimulatedBackends();
    LlmBackends llm =
        new LlmBackends(
            metrics != null
                ? metrics
                : new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    ModelBackends backends =
        new RoutingBackends(
            Map.of(JudgeSpec.SIMULATED, simulated, JudgeSpec.OPENAI, new OpenAiBackends(llm)),
            simulated);
    return new WorkerHost.Services(
        new LocalArtifactStore(storeDir), backends, new WorldSeeds(), metrics, llm);
  }
}

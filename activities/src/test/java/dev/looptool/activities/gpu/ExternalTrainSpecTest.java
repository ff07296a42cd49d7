package dev.looptool.activities.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.looptool.activities.serve.ModelServers;
import dev.looptool.core.json.Json;
import dev.looptool.core.store.LocalArtifactStore;
import dev.looptool.core.store.RunLayout;
import dev.looptool.workflows.spec.PolicySpec;
import dev.looptool.workflows.stages.TrainRequest;
import dev.looptool.workflows.stages.TrainResult;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run spec's {@code policy.external} reaches the trainer: every placeholder filled, the
 * environment set, the names in passEnvironment checked, the extra retryable exit codes honoured.
 */
class ExternalTrainSpecTest {
  @TempDir Path dir;

  static final RunLayout RUN = new RunLayout("r7");

  PolicySpec policy(Path script) throws Exception {
    String json =
        "{\"backend\": \"external\", \"baseModel\": \"Qwen/Qwen3-0.6B\", \"seed\": 5,"
            + " \"external\": {\"command\": [\"sh\", \""
            + script
            + "\", \"{base_model}\", \"{train_file}\", \"{test_file}\", \"{run_id}\","
            + " \"{iteration}\", \"{seed}\", \"{output_dir}\", \"init={init_checkpoint}\"],"
            + " \"environment\": {\"LT_MODE\": \"offline\"}, \"passEnvironment\": [\"LT_NEEDED\"],"
            + " \"retryableExitCodes\": [3]},"
            + " \"server\": {\"command\": [\"serve\", \"{checkpoint}\", \"{port}\"]}}";
    PolicySpec p = Json.MAPPER.readValue(json, PolicySpec.class).withDefaults();
    assertEquals(List.of(), p.problems("policy"));
    return p;
  }

  Path script(String tail) throws Exception {
    Path s = dir.resolve("train.sh");
    Files.writeString(
        s,
        "printf '%s\\n' \"$@\" \"$LT_MODE\" \"$LT_NEEDED\" > \""
            + dir.resolve("args.txt")
            + "\"\n"
            + tail
            + "\n");
    return s;
  }

  GpuActivitiesImpl gpu(LocalArtifactStore store, Function<String, String> env) {
    return new GpuActivitiesImpl(store, null, null, new ModelServers(dir.resolve("logs")), env);
  }

  TrainRequest request(PolicySpec p) {
    return new TrainRequest(
        "r7",
        2,
        "grpo",
        RUN.iteration(2).train(),
        RUN.iteration(1).checkpoint(),
        RUN.iteration(2).checkpoint(),
        p);
  }

  @Test
  void everyPlaceholderAndTheEnvironmentReachTheTrainer() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(dir.resolve("store"));
    Path out = store.path(RUN.iteration(2).checkpoint());
    PolicySpec p =
        policy(
            script(
                "mkdir -p \"$7/step-1\"; echo \"{\\\"step\\\": 1, \\\"checkpoint\\\":"
                    + " \\\"$7/step-1\\\"}\""));
    try (GpuActivitiesImpl gpu = gpu(store, name -> "LT_NEEDED".equals(name) ? "yes" : null)) {
      TrainResult r = gpu.train(request(p));
      assertEquals(out.resolve("step-1").toString(), r.checkpoint());
    }
    assertEquals(
        List.of(
            "Qwen/Qwen3-0.6B",
            store.path(RUN.iteration(2).train()).toString(),
            store.path(RUN.seedTest()).toString(),
            "r7",
            "2",
            Long.toString(5 * 1_000_003L + 2),
            out.toString(),
            "init=" + store.path(RUN.iteration(1).checkpoint()).toAbsolutePath().normalize(),
            "offline",
            // Not set by the spec: the worker's (here the test's) environment lacks it.
            ""),
        Files.readAllLines(dir.resolve("args.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void aListedExitCodeIsRetryableAndAMissingPassedVariableIsNot() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(dir.resolve("store"));
    // The run is in this worker's store (a store without it would fail as the wrong store).
    store.write(new RunLayout("r7").manifest(), os -> os.write("{}".getBytes()));
    PolicySpec p = policy(script("exit 3"));
    try (GpuActivitiesImpl gpu = gpu(store, name -> "yes")) {
      ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> gpu.train(request(p)));
      assertFalse(f.isNonRetryable(), f.toString());
      assertTrue(f.getOriginalMessage().contains("exited with 3 (retryable)"), f.toString());
    }
    try (GpuActivitiesImpl gpu = gpu(store, name -> null)) {
      ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> gpu.train(request(p)));
      assertTrue(f.isNonRetryable(), f.toString());
      assertTrue(
          f.getOriginalMessage().contains("policy.external.passEnvironment: LT_NEEDED is not set"),
          f.toString());
    }
  }
}

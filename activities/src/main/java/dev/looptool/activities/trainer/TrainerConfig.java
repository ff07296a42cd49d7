package dev.looptool.activities.trainer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the GPU worker runs an external trainer (e.g. a verl or TRL GRPO script): the command as an
 * argument list whose elements may hold the placeholders {@code {train_file}}, {@code
 * {init_checkpoint}}, {@code {output_dir}}, {@code {iteration}}, {@code {seed}}, {@code
 * {test_file}}, {@code {base_model}} and {@code {run_id}} (empty when unset); the working directory
 * (null: the worker's); extra environment variables; exit codes to treat as retryable besides the
 * built-in ones (see {@link ExternalTrainer}); how long a cancelled trainer gets to stop before it
 * is killed; and how often progress is re-reported while the trainer is silent, so heartbeats keep
 * flowing.
 */
public record TrainerConfig(
    List<String> command,
    String workDir,
    Map<String, String> environment,
    Set<Integer> retryableExitCodes,
    long killGraceMillis,
    long heartbeatMillis) {
  public TrainerConfig {
    if (command == null || command.isEmpty() || command.get(0).isBlank()) {
      throw new IllegalArgumentException(
          "the trainer command is empty; give it as a list, e.g. [\"bash\", \"train.sh\", \"{train_file}\"]");
    }
    command = List.copyOf(command);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    retryableExitCodes = retryableExitCodes == null ? Set.of() : Set.copyOf(retryableExitCodes);
    killGraceMillis = killGraceMillis <= 0 ? 10_000 : killGraceMillis;
    heartbeatMillis = heartbeatMillis <= 0 ? 10_000 : heartbeatMillis;
  }

  public static TrainerConfig of(List<String> command) {
    return new TrainerConfig(command, null, null, null, 0, 0);
  }
}

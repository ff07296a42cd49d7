package dev.looptool.activities.trainer;

import java.nio.file.Path;

/**
 * One training run of the loop: the train file D_j, the checkpoint to start from (null for the base
 * model the command names itself), where to write the new checkpoint, the iteration and seed, and
 * the log file that receives the trainer's stderr and its non-progress stdout; the held-out test
 * file (null: none), the base model the policy starts from (null: unset) and the run's id.
 */
public record TrainJob(
    Path trainFile,
    String initCheckpoint,
    Path outputDir,
    int iteration,
    long seed,
    Path logFile,
    Path testFile,
    String baseModel,
    String runId) {}

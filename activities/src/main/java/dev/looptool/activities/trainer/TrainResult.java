package dev.looptool.activities.trainer;

import dev.looptool.core.policy.TrainingProgress;
import java.nio.file.Path;

/**
 * A finished training run: the checkpoint it produced, the last progress it reported and its log.
 */
public record TrainResult(String checkpoint, TrainingProgress lastProgress, Path logFile) {}

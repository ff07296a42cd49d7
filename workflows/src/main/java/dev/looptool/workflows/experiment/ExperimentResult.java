package dev.looptool.workflows.experiment;

import java.util.List;

/** A finished experiment: every arm run in start order, and the key of the report. */
public record ExperimentResult(String experimentId, List<ArmResult> arms, String reportKey) {
  public ExperimentResult {
    arms = List.copyOf(arms);
  }
}

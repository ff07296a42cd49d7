package dev.looptool.workflows.experiment;

import java.util.List;

/**
 * Where an experiment stands: its stage ({@code seed data}, {@code SFT warm-up}, {@code arms},
 * {@code report}, {@code done}) and every arm run started so far, with whether it finished. Each
 * arm run is a LoopTool workflow of its own: query it for its iteration and stage.
 */
public record ExperimentStatus(String experimentId, String stage, List<ArmRun> arms) {
  public ExperimentStatus {
    arms = List.copyOf(arms);
  }

  /** An arm run: its arm, seed index, workflow id, and whether it has finished. */
  public record ArmRun(String arm, int seed, String runId, boolean done) {}
}

package dev.looptool.workflows.experiment;

import dev.looptool.workflows.loop.IterationSummary;
import java.util.List;

/** One finished arm run: its arm, seed index, run id and iteration summaries. */
public record ArmResult(String arm, int seed, String runId, List<IterationSummary> iterations) {
  public ArmResult {
    iterations = List.copyOf(iterations);
  }
}

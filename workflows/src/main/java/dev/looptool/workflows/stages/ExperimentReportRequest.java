package dev.looptool.workflows.stages;

import dev.looptool.workflows.experiment.ArmResult;
import java.util.List;

/**
 * Write an experiment's report.html and experiment.json from its arm runs; the first arm is the
 * reference the others are compared with.
 */
public record ExperimentReportRequest(String experimentId, String specJson, List<ArmResult> arms) {
  public ExperimentReportRequest {
    arms = List.copyOf(arms);
  }
}

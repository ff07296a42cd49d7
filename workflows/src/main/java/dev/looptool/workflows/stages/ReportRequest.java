package dev.looptool.workflows.stages;

import dev.looptool.workflows.loop.IterationSummary;
import java.util.List;

/** Write the run's report.html from the summaries of its iterations. */
public record ReportRequest(String runId, String specJson, List<IterationSummary> iterations) {}

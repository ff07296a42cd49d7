package dev.looptool.workflows.stages;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Activities of the {@code looptool-cpu} pool: seed data, correction, merge, report. */
@ActivityInterface
public interface CpuActivities {
  @ActivityMethod(name = "PrepareSeed")
  SeedResult prepareSeed(SeedRequest request);

  @ActivityMethod(name = "Correct")
  CorrectResult correct(CorrectRequest request);

  @ActivityMethod(name = "Merge")
  MergeResult merge(MergeRequest request);

  @ActivityMethod(name = "Report")
  String report(ReportRequest request);
}

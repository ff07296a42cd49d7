package dev.looptool.workflows.stages;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Activities of the {@code looptool-cpu} pool: seed data, correction, merge, reports, experiment
 * arms.
 */
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

  @ActivityMethod(name = "PrepareArm")
  void prepareArm(ArmRequest request);

  @ActivityMethod(name = "ExperimentReport")
  String experimentReport(ExperimentReportRequest request);
}

package dev.looptool.cli;

import dev.looptool.workflows.loop.LoopStatus;
import dev.looptool.workflows.stages.StageProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a run is right now, for the screen: the stage (from the workflow's status), how far it got
 * and how fast (from the heartbeats of its running activities: steps of training, samples of a
 * shard), and when it should be done. Built fresh on each look; {@link #line()} is the plain
 * rendering.
 *
 * @param stage the run's position, {@code [iteration 2/3] train}
 * @param task what runs, {@code GRPO} or {@code 2 shards running}; empty between activities
 * @param done progress in {@code unit}s ({@code max} 0: unknown)
 * @param unit what {@code done} counts: step, samples, shards
 * @param detail the activity's own words (loss and reward, chunk), may be empty
 * @param perSecond rate of {@code rateUnit}s per second, 0 when not measured yet
 * @param etaSeconds seconds left at that rate, negative when unknown
 */
record StageView(
    String stage,
    String task,
    double done,
    long max,
    String unit,
    String detail,
    double perSecond,
    String rateUnit,
    double etaSeconds) {

  /** One running activity and its last heartbeat. */
  record Running(String activityType, int attempt, StageProgress progress) {}

  static StageView of(LoopStatus s, List<Running> running) {
    String stage =
        String.format(
            Locale.ROOT, "[iteration %d/%d] %s", s.iteration(), s.iterations(), s.stage());
    List<StageProgress> beats = new ArrayList<>();
    for (Running r : running) {
      if (r.progress() != null) {
        beats.add(r.progress());
      }
    }
    int shardsTotal = s.shards().total();
    if (shardsTotal > 0) {
      // A sharded stage: whole shards done, plus the fraction each running shard reports.
      double done = s.shards().done();
      double rate = 0;
      double left = 0;
      String detail = "";
      for (StageProgress p : beats) {
        if (p.total() > 0) {
          done += (double) p.done() / p.total();
          left += p.total() - p.done();
        }
        rate += p.perSecond();
        detail = "shard " + (p.shard() + 1) + ": " + p.done() + "/" + p.total() + " samples";
      }
      int waiting = shardsTotal - s.shards().done() - beats.size();
      double perShard =
          beats.isEmpty() ? 0 : beats.stream().mapToLong(StageProgress::total).average().orElse(0);
      left += Math.max(0, waiting) * perShard;
      String task =
          running.isEmpty()
              ? ""
              : running.size() + (running.size() == 1 ? " shard running" : " shards running");
      return new StageView(
          stage,
          task,
          done,
          shardsTotal,
          "shards",
          detail,
          rate,
          "samples",
          rate > 0 ? left / rate : -1);
    }
    if (beats.size() == 1) {
      StageProgress p = beats.get(0);
      boolean training = "sft".equals(p.stage()) || "grpo".equals(p.stage());
      String unit = training ? "step" : "samples";
      double eta = p.perSecond() > 0 && p.total() > 0 ? (p.total() - p.done()) / p.perSecond() : -1;
      return new StageView(
          stage,
          p.stage().toUpperCase(Locale.ROOT),
          p.done(),
          p.total(),
          unit,
          p.detail() == null ? "" : p.detail(),
          p.perSecond(),
          unit,
          eta);
    }
    String task = running.isEmpty() ? "" : running.get(0).activityType();
    return new StageView(stage, task, 0, 0, "", "", 0, "", -1);
  }

  /**
   * {@code [iteration 2/3] train GRPO step 120/300 · loss 0.31, reward 0.62 · 4.1 step/s · ETA
   * 0:42}
   */
  String line() {
    StringBuilder sb = new StringBuilder(stage);
    if (!task.isEmpty()) {
      sb.append("  ").append(task);
    }
    if (max > 0) {
      sb.append(' ').append(unit).append(' ').append(count(done)).append('/').append(max);
    }
    for (String part : parts()) {
      sb.append(" · ").append(part);
    }
    return sb.toString();
  }

  /** What follows the count: the detail, the rate, the ETA; what is not known is left out. */
  List<String> parts() {
    List<String> out = new ArrayList<>();
    if (!detail.isEmpty()) {
      out.add(detail);
    }
    if (perSecond > 0) {
      out.add(
          String.format(
              Locale.ROOT, perSecond >= 10 ? "%.0f %s/s" : "%.1f %s/s", perSecond, rateUnit));
    }
    if (etaSeconds >= 0) {
      out.add("ETA " + clock(etaSeconds));
    }
    return out;
  }

  private static String count(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
  }

  /** {@code 0:42}, {@code 12:05}, {@code 1:02:09}. */
  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}

package dev.looptool.cli;

import dev.looptool.workflows.TaskQueues;
import dev.looptool.workflows.loop.IterationSummary;
import dev.looptool.workflows.loop.LoopResult;
import dev.looptool.workflows.loop.LoopStatus;
import dev.looptool.workflows.loop.LoopToolWorkflow;
import dev.looptool.workflows.loop.ShardedStageWorkflow;
import dev.looptool.workflows.loop.StageSpan;
import dev.looptool.workflows.spec.RunSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Starting, steering and displaying runs: shared by the run, start, status, wait and signal
 * commands.
 */
public final class RunControl {
  private RunControl() {}

  /**
   * Starts a LoopTool run of {@code spec} under {@code runId}, as {@code looptool start} and {@code
   * run} do (public for the crash tests, which start their runs the same way).
   */
  public static String start(WorkflowClient client, RunSpec spec, String runId) {
    LoopToolWorkflow wf =
        client.newWorkflowStub(
            LoopToolWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(runId)
                .setTaskQueue(TaskQueues.WORKFLOW)
                .setStaticSummary(staticSummary(spec))
                .build());
    WorkflowClient.start(wf::run, spec, null);
    return runId;
  }

  /**
   * The line the Web UI shows for the run from its start: what it trains and on what, so a list of
   * runs reads without opening each.
   */
  static String staticSummary(RunSpec given) {
    RunSpec s = given.withDefaults();
    return String.format(
        Locale.ROOT,
        "LoopTool %s: %d iterations, %s policy, %s data, %s judge, %s generator%s",
        s.name() == null ? "run" : s.name(),
        s.iterations(),
        s.policy().backend(),
        s.data().source(),
        s.judge().backend(),
        s.generator().backend(),
        ablations(s));
  }

  private static String ablations(RunSpec s) {
    List<String> on = new java.util.ArrayList<>();
    if (s.ablations().staticBaseline()) {
      on.add("static baseline");
    }
    if (s.ablations().noJglv()) {
      on.add("no JGLV");
    }
    if (s.ablations().noEdde()) {
      on.add("no EDDE");
    }
    if (s.ablations().randomFill()) {
      on.add("random fill");
    }
    return on.isEmpty() ? "" : " (" + String.join(", ", on) + ")";
  }

  /**
   * Shows the run's progress on {@code display}, once a second, until {@code result} completes;
   * {@code everyTick} runs after each look (e.g. to notice a stalled run).
   */
  static void follow(
      RunProgress progress,
      WorkflowClient client,
      String runId,
      java.util.concurrent.Future<?> result,
      RunDisplay display,
      Runnable everyTick)
      throws InterruptedException {
    LoopToolWorkflow wf = existing(client, runId);
    String lastRun = null;
    while (!result.isDone()) {
      try {
        result.get(1, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        // still running, or done (the caller reads the outcome)
      }
      try {
        LoopStatus s = withStageProgress(client, wf.status());
        RunProgress.Look look = progress.look();
        if (lastRun != null && !lastRun.equals(look.currentRun())) {
          // continue-as-new between two looks: the stages the last run ended with
          display.finished(progress.stages(lastRun), s.iterations());
        }
        lastRun = look.currentRun();
        List<StageSpan> spans = wf.stages();
        display.finished(spans, s.iterations());
        // Shown only while the workflow's own stage times still say this stage runs: the status
        // may be a moment older than them.
        StageSpan current = spans.isEmpty() ? null : spans.get(spans.size() - 1);
        if (!result.isDone()
            && current != null
            && current.endedMillis() == 0
            && s.stage().equals(current.stage())) {
          display.show(StageView.of(s, look.running()));
        }
      } catch (RuntimeException e) {
        // between runs of a continue-as-new chain the query may briefly fail; no worker: no view
      }
      everyTick.run();
    }
    display.close();
  }

  /** A display on stdout: a live bar in a terminal, plain lines otherwise. */
  static RunDisplay display() {
    return new RunDisplay(System.out, System.console() != null, System::nanoTime, 0);
  }

  /** A stub for the newest run of a chain (continue-as-new keeps the workflow id). */
  static LoopToolWorkflow existing(WorkflowClient client, String runId) {
    return client.newWorkflowStub(LoopToolWorkflow.class, runId);
  }

  /**
   * The run's status query. A query that no workflow worker answers before the connection's query
   * timeout becomes a {@link NoWorkflowWorkerException} whose message starts with {@code
   * whatWaits}.
   */
  static LoopStatus status(
      WorkflowClient client, RunConnectionOptions connection, String runId, String whatWaits) {
    try {
      return withStageProgress(client, existing(client, runId).status());
    } catch (WorkflowServiceException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof StatusRuntimeException s
            && s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
          throw new NoWorkflowWorkerException(runId, connection, whatWaits, e);
        }
      }
      throw e;
    }
  }

  /**
   * {@code s} with the shards done of its running stage child (the child's {@code progress} query);
   * {@code s} itself when no child runs the stage, or when the child cannot answer (not started
   * yet, or just closed and not replayable): the loop's total then shows with 0 done.
   */
  static LoopStatus withStageProgress(WorkflowClient client, LoopStatus s) {
    String child = s.shards().stageRun();
    if (child == null) {
      return s;
    }
    try {
      return s.withShards(client.newWorkflowStub(ShardedStageWorkflow.class, child).progress());
    } catch (RuntimeException notAnswered) {
      return s;
    }
  }

  static LoopResult await(WorkflowClient client, String runId) {
    return client.newUntypedWorkflowStub(runId).getResult(LoopResult.class);
  }

  /**
   * The workflow's result once it ends; null when it failed, after saying why on stderr as
   * "looptool {@code command} {@code id} failed: ..." (the workflow's own failure, not the client's
   * wrapper).
   */
  static <T> T resultOrReport(CompletableFuture<T> result, String command, String id)
      throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof WorkflowFailedException wfe && wfe.getCause() != null) {
        c = wfe.getCause();
      }
      System.err.println("looptool " + command + " " + id + " failed: " + c.getMessage());
      return null;
    }
  }

  static String defaultRunId(String prefix) {
    return prefix
        + "-"
        + java.time.LocalDateTime.now()
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }

  /** One line of progress: iteration, stage, and a bar for sharded stages. */
  static String progressLine(LoopStatus s) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT, "[iteration %d/%d] %-9s", s.iteration(), s.iterations(), s.stage()));
    if (s.shards().total() > 0) {
      int width = 24;
      int filled = (int) Math.round(width * (double) s.shards().done() / s.shards().total());
      sb.append(' ')
          .append("#".repeat(filled))
          .append(".".repeat(width - filled))
          .append(
              String.format(Locale.ROOT, " %d/%d shards", s.shards().done(), s.shards().total()));
    }
    if (!s.finished().isEmpty()) {
      IterationSummary last = s.finished().get(s.finished().size() - 1);
      sb.append(
          String.format(
              Locale.ROOT,
              "  (accuracy after iteration %d: %.1f%%)",
              last.iteration(),
              100 * last.eval().accuracy()));
    }
    return sb.toString();
  }

  /**
   * The end-of-run table: held-out accuracy, label purity, GRPO's signal (the share of prompt
   * groups with unequal rewards) and dataset composition per iteration.
   */
  static void printTable(PrintWriter out, List<IterationSummary> its) {
    out.println();
    out.printf(
        Locale.ROOT,
        "%-9s %9s %9s %7s %7s | %-28s | %9s %9s%n",
        "iteration",
        "accuracy",
        "purity",
        "|D_j|",
        "signal",
        "D_j+1 = ES + EE + HPPL + New",
        "|D_j+1|",
        "purity");
    out.println("-".repeat(104));
    for (IterationSummary s : its) {
      out.printf(
          Locale.ROOT,
          "%-9d %8.1f%% %9s %7d %7s | %-28s | %9d %9s%n",
          s.iteration(),
          100 * s.eval().accuracy(),
          pct(s.train().purity()),
          s.train().count(),
          pct(s.trained().informativeShare()),
          String.format(
              Locale.ROOT,
              "%d + %d + %d + %d",
              s.composition().errorSet(),
              s.composition().expansions(),
              s.composition().highPpl(),
              s.composition().seedNew()),
          s.next().count(),
          pct(s.next().purity()));
    }
    if (!its.isEmpty()) {
      out.println();
      out.println("held-out accuracy by dialogue shape:");
      Map<String, Double> first = its.get(0).eval().byShape();
      Map<String, Double> last = its.get(its.size() - 1).eval().byShape();
      for (String shape : new java.util.TreeSet<>(last.keySet())) {
        out.printf(
            Locale.ROOT,
            "  %-12s %6.1f%% -> %6.1f%%%n",
            shape,
            100 * first.getOrDefault(shape, 0.0),
            100 * last.get(shape));
      }
    }
    out.flush();
  }

  private static String pct(Double x) {
    return x == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * x);
  }
}

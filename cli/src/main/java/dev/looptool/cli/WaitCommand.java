package dev.looptool.cli;

import dev.looptool.workers.TemporalConnection;
import dev.looptool.workflows.loop.LoopResult;
import io.temporal.client.WorkflowFailedException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code looptool wait ID}. */
@Command(
    name = "wait",
    mixinStandardHelpOptions = true,
    description = {
      "Waits for a run to finish and prints its results; exit code 0 when it completed.",
      "It keeps waiting whatever happens to the workers, and says so when the run has made no progress for a while."
    })
public final class WaitCommand implements Callable<Integer> {
  @Mixin RunConnectionOptions connection;

  @Parameters(paramLabel = "ID", description = "Run id (workflow id).")
  String runId;

  @Option(
      names = "--notice-after",
      paramLabel = "MINUTES",
      defaultValue = "10",
      description =
          "Print a notice, saying what the run waits for, after this long without progress (default ${DEFAULT-VALUE}).")
  double noticeAfterMinutes;

  @Override
  public Integer call() throws InterruptedException {
    try (TemporalConnection conn = connection.connect()) {
      CompletableFuture<LoopResult> result =
          conn.client().newUntypedWorkflowStub(runId).getResultAsync(LoopResult.class);
      Duration noticeAfter = Duration.ofMillis((long) (noticeAfterMinutes * 60_000));
      RunProgress progress = new RunProgress(conn.client(), connection, runId);
      StallNotice stall = new StallNotice(progress, noticeAfter);
      RunControl.follow(progress, conn.client(), runId, result, RunControl.display(), stall::check);
      LoopResult r;
      try {
        r = result.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof WorkflowFailedException f) {
          System.err.println(
              runId
                  + ": failed: "
                  + (f.getCause() == null ? f.getMessage() : f.getCause().getMessage()));
          return ExitCodes.ERROR;
        }
        throw e.getCause() instanceof RuntimeException re
            ? re
            : new IllegalStateException(e.getCause());
      }
      PrintWriter out = new PrintWriter(System.out, true);
      out.println(
          runId
              + ": "
              + r.iterationsCompleted()
              + " iteration(s)"
              + (r.stoppedEarly() ? " (stopped early)" : "")
              + ", report "
              + r.reportKey());
      RunControl.printTable(out, r.iterations());
    }
    return ExitCodes.OK;
  }

  /** Says, every {@code after} without progress, what the run waits for; checked every 15 s. */
  private final class StallNotice {
    private final RunProgress progress;
    private final Duration after;
    private Object lastSeen;
    private Instant since = Instant.now();
    private Instant noticed = since;
    private Instant checked = Instant.EPOCH;

    StallNotice(RunProgress progress, Duration after) {
      this.progress = progress;
      this.after = after;
    }

    void check() {
      Instant now = Instant.now();
      if (Duration.between(checked, now).toSeconds()
          < Math.min(15, Math.max(1, after.toSeconds()))) {
        return;
      }
      checked = now;
      Object seen = progress.fingerprint();
      if (!seen.equals(lastSeen)) {
        lastSeen = seen;
        since = now;
        noticed = now;
      } else if (Duration.between(noticed, now).compareTo(after) >= 0) {
        System.err.println(
            runId
                + ": no progress for "
                + RunProgress.duration(Duration.between(since, now))
                + ": "
                + progress.whatItWaitsFor()
                + " (still waiting)");
        noticed = Instant.now();
      }
    }
  }
}

package dev.looptool.activities.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.looptool.activities.common.ProcessTrees;
import dev.looptool.core.concurrent.DaemonThreads;
import dev.looptool.core.json.Json;
import dev.looptool.core.policy.TrainingProgress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external GPU trainer as a child process and supervises it: the command template filled
 * in, JSON progress lines on stdout turned into {@link TrainingProgress} reports (and re-reported
 * while the trainer is silent, so the activity keeps heartbeating), stderr and other stdout into a
 * log file, the exit code read deliberately, and on cancellation the whole process tree stopped.
 *
 * <p>A progress line is a JSON object on one stdout line with {@code step} or {@code checkpoint}
 * and optionally {@code phase}, {@code total_steps}, {@code loss}, {@code mean_reward}, {@code
 * tokens_per_second}; missing numbers read as 0.
 *
 * <p>Exit codes: 0 is success (the checkpoint is the last one reported, else the output directory,
 * which must exist). Retryable, because a second run can succeed: 75 (EX_TEMPFAIL, the trainer's
 * own "try again"), any death by signal (128+n: 137 for SIGKILL such as the OOM killer, 143 for
 * SIGTERM such as preemption), and the codes the configuration adds. Every other code is a
 * non-retryable failure (bad configuration, bad data, a bug): retrying would repeat it.
 */
public final class ExternalTrainer {
  public static final int EX_TEMPFAIL = 75;
  private static final int LOG_TAIL_LINES = 20;

  private final TrainerConfig config;

  public ExternalTrainer(TrainerConfig config) {
    this.config = config;
  }

  /** Whether an exit code means another attempt can succeed. */
  public boolean retryable(int exitCode) {
    return exitCode == EX_TEMPFAIL
        || (exitCode > 128 && exitCode < 160)
        || config.retryableExitCodes().contains(exitCode);
  }

  /**
   * The command line for a job; on a retry {@code resumeCheckpoint} replaces the initial
   * checkpoint.
   */
  public List<String> commandLine(TrainJob job, String resumeCheckpoint) {
    String init =
        resumeCheckpoint != null
            ? resumeCheckpoint
            : job.initCheckpoint() == null ? "" : job.initCheckpoint();
    List<String> out = new ArrayList<>(config.command().size());
    for (String arg : config.command()) {
      out.add(
          arg.replace("{train_file}", job.trainFile().toString())
              .replace("{init_checkpoint}", init)
              .replace("{output_dir}", job.outputDir().toString())
              .replace("{iteration}", Integer.toString(job.iteration()))
              .replace("{seed}", Long.toString(job.seed()))
              .replace("{test_file}", job.testFile() == null ? "" : job.testFile().toString())
              .replace("{base_model}", job.baseModel() == null ? "" : job.baseModel())
              .replace("{run_id}", job.runId() == null ? "" : job.runId()));
    }
    return out;
  }

  /** Runs the job to the end; see {@link Running#await()}. */
  public TrainResult train(
      TrainJob job, String resumeCheckpoint, TrainingProgress.Listener listener)
      throws TrainerException, IOException, InterruptedException {
    return start(job, resumeCheckpoint, listener).await();
  }

  /**
   * Like {@link #train(TrainJob, String, TrainingProgress.Listener)}, but a trainer still running
   * after {@code timeout} is stopped (its whole process tree) and fails retryably, so that a hung
   * trainer is tried again from its latest checkpoint instead of holding the GPU for the activity's
   * whole timeout.
   */
  public TrainResult train(
      TrainJob job,
      String resumeCheckpoint,
      TrainingProgress.Listener listener,
      java.time.Duration timeout)
      throws TrainerException, IOException, InterruptedException {
    Running running = start(job, resumeCheckpoint, listener);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!running.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                  running.stopForTimeout(timeout);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "trainer-timeout-" + job.iteration());
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      return running.await();
    } finally {
      watchdog.interrupt();
    }
  }

  public Running start(TrainJob job, String resumeCheckpoint, TrainingProgress.Listener listener)
      throws IOException {
    Files.createDirectories(job.logFile().toAbsolutePath().getParent());
    Files.createDirectories(job.outputDir());
    ProcessBuilder pb = new ProcessBuilder(commandLine(job, resumeCheckpoint));
    if (config.workDir() != null) {
      pb.directory(Path.of(config.workDir()).toFile());
    }
    pb.environment().putAll(config.environment());
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(job.logFile().toFile()));
    Process p = pb.start();
    p.getOutputStream().close();
    return new Running(job, p, listener, resumeCheckpoint);
  }

  /** A trainer process being supervised. */
  public final class Running {
    private final TrainJob job;
    private final Process process;
    private final TrainingProgress.Listener listener;
    private final Thread reader;
    private final ScheduledExecutorService ticker;
    private volatile TrainingProgress last;
    private volatile String latestCheckpoint;
    private volatile RuntimeException listenerFailure;
    private volatile boolean cancelled;
    private volatile java.time.Duration timedOutAfter;
    private volatile long lastReportNanos = System.nanoTime();

    Running(
        TrainJob job,
        Process process,
        TrainingProgress.Listener listener,
        String resumeCheckpoint) {
      this.job = job;
      this.process = process;
      this.listener = listener;
      this.latestCheckpoint = resumeCheckpoint;
      this.last = new TrainingProgress("starting", 0, 0, 0, 0, 0, resumeCheckpoint);
      this.reader = new Thread(this::readStdout, "trainer-stdout-" + process.pid());
      this.reader.setDaemon(true);
      this.reader.start();
      this.ticker =
          Executors.newSingleThreadScheduledExecutor(
              DaemonThreads.named("trainer-heartbeat-" + process.pid()));
      long every = config.heartbeatMillis();
      ticker.scheduleAtFixedRate(
          () -> {
            if (System.nanoTime() - lastReportNanos >= TimeUnit.MILLISECONDS.toNanos(every)) {
              report(last);
            }
          },
          every,
          every,
          TimeUnit.MILLISECONDS);
    }

    public long pid() {
      return process.pid();
    }

    /** The latest checkpoint reported (or the one resumed from), for heartbeats and retries. */
    public String latestCheckpoint() {
      return latestCheckpoint;
    }

    private void report(TrainingProgress p) {
      if (listenerFailure != null) {
        return;
      }
      synchronized (this) {
        lastReportNanos = System.nanoTime();
        try {
          listener.onProgress(p);
        } catch (RuntimeException e) {
          // Typically the activity learning from its heartbeat that it was cancelled.
          listenerFailure = e;
          cancel();
        }
      }
    }

    private void readStdout() {
      try (BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          OutputStream log =
              Files.newOutputStream(
                  job.logFile(), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        String line;
        while ((line = in.readLine()) != null) {
          TrainingProgress p = progress(line);
          if (p == null) {
            log.write(("stdout: " + line + "\n").getBytes(StandardCharsets.UTF_8));
            log.flush();
            continue;
          }
          if (p.checkpoint() != null) {
            latestCheckpoint = p.checkpoint();
          } else if (latestCheckpoint != null) {
            p =
                new TrainingProgress(
                    p.phase(),
                    p.step(),
                    p.totalSteps(),
                    p.loss(),
                    p.meanReward(),
                    p.tokensPerSecond(),
                    latestCheckpoint);
          }
          last = p;
          report(p);
        }
      } catch (IOException e) {
        // The stream closes when the process is killed; the exit code tells the story.
      }
    }

    /**
     * Stops the trainer and everything it started: SIGTERM to the whole tree (children first, so
     * none is orphaned), then SIGKILL to whatever is left after the grace period.
     */
    public void cancel() {
      cancelled = true;
      ProcessTrees.stop(process, config.killGraceMillis());
    }

    void stopForTimeout(java.time.Duration timeout) {
      timedOutAfter = timeout;
      ProcessTrees.stop(process, config.killGraceMillis());
    }

    /**
     * Waits for the trainer. Returns the result on exit 0; throws {@link TrainerException} on a
     * failing exit code, {@link CancellationException} after {@link #cancel()}, the listener's own
     * exception when it threw, and cancels the trainer when the waiting thread is interrupted.
     */
    public TrainResult await() throws TrainerException, InterruptedException {
      int code;
      try {
        code = process.waitFor();
        reader.join();
      } catch (InterruptedException e) {
        cancel();
        throw e;
      } finally {
        ticker.shutdownNow();
      }
      if (listenerFailure != null) {
        throw listenerFailure;
      }
      if (timedOutAfter != null) {
        throw new TrainerException(
            "trainer for iteration "
                + job.iteration()
                + " ran past policy.external.timeoutMinutes ("
                + timedOutAfter.toMinutes()
                + " min) and was stopped (retryable); last lines of "
                + job.logFile()
                + ":\n"
                + tail(job.logFile()),
            code,
            true,
            latestCheckpoint);
      }
      if (cancelled) {
        throw new CancellationException(
            "trainer for iteration " + job.iteration() + " was cancelled (exit " + code + ")");
      }
      if (code != 0) {
        boolean retry = retryable(code);
        throw new TrainerException(
            "trainer for iteration "
                + job.iteration()
                + " exited with "
                + code
                + (retry ? " (retryable)" : " (not retryable)")
                + "; last lines of "
                + job.logFile()
                + ":\n"
                + tail(job.logFile()),
            code,
            retry,
            latestCheckpoint);
      }
      String ckpt = latestCheckpoint != null ? latestCheckpoint : job.outputDir().toString();
      if (latestCheckpoint == null && isEmptyDir(job.outputDir())) {
        throw new TrainerException(
            "trainer for iteration "
                + job.iteration()
                + " exited 0 but reported no checkpoint and left "
                + job.outputDir()
                + " empty",
            0,
            false,
            null);
      }
      return new TrainResult(ckpt, last, job.logFile());
    }
  }

  /** Reads a progress line, or returns null for any other line. */
  static TrainingProgress progress(String line) {
    String s = line.strip();
    if (!s.startsWith("{")) {
      return null;
    }
    JsonNode n;
    try {
      n = Json.parse(s);
    } catch (IOException e) {
      return null;
    }
    if (n == null || !n.isObject() || !(n.has("step") || n.has("checkpoint"))) {
      return null;
    }
    return new TrainingProgress(
        n.path("phase").asText("train"),
        n.path("step").asLong(0),
        n.has("total_steps") ? n.path("total_steps").asLong(0) : n.path("totalSteps").asLong(0),
        n.path("loss").asDouble(0),
        n.has("mean_reward") ? n.path("mean_reward").asDouble(0) : n.path("reward").asDouble(0),
        n.path("tokens_per_second").asDouble(0),
        n.hasNonNull("checkpoint") ? n.path("checkpoint").asText() : null);
  }

  private static boolean isEmptyDir(Path dir) {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return true;
    }
  }

  private static String tail(Path log) {
    try {
      ArrayDeque<String> lines = new ArrayDeque<>();
      for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        lines.add(l);
        if (lines.size() > LOG_TAIL_LINES) {
          lines.removeFirst();
        }
      }
      return String.join("\n", lines);
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }
}

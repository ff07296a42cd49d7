package dev.looptool.cli;

import dev.looptool.workflows.loop.StageSpan;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run's progress as it goes: in a terminal a live bar per stage (drawn by the progressbar
 * library: elapsed time, count, the activity's detail, rate and ETA), otherwise plain lines; and in
 * both one line per finished stage with how long it took, from the workflow's own stage times (so a
 * stage shorter than one look at the run gets its line too).
 */
final class RunDisplay implements AutoCloseable {
  /** Plain output prints an unchanged stage again at most this often. */
  static final long PLAIN_EVERY_NANOS = 10_000_000_000L;

  /** Shard counts are drawn in tenths, so a bar moves while a shard runs. */
  private static final int SHARD_SCALE = 10;

  private final PrintStream out;
  private final boolean terminal;
  private final LongSupplier nanos;
  private final int width;
  private String stage;
  private String task;
  private String lastLine = "";
  private long lastPrinted;
  private ProgressBar bar;
  private final Set<String> ended = new HashSet<>();
  private volatile double eta = -1;

  /** {@code width}: columns of the terminal, or 0 to ask the terminal. */
  RunDisplay(PrintStream out, boolean terminal, LongSupplier nanos, int width) {
    this.out = out;
    this.terminal = terminal;
    this.nanos = nanos;
    this.width = width;
  }

  void show(StageView v) {
    long now = nanos.getAsLong();
    if (!v.stage().equals(stage)) {
      closeBar();
      stage = v.stage();
      task = null;
    }
    eta = v.etaSeconds();
    if (terminal) {
      draw(v);
      return;
    }
    String line = v.line();
    boolean changedTask = !v.task().equals(task);
    if (changedTask || (!line.equals(lastLine) && now - lastPrinted >= PLAIN_EVERY_NANOS)) {
      out.println(line);
      lastLine = line;
      lastPrinted = now;
    }
    task = v.task();
  }

  private void draw(StageView v) {
    boolean shards = "shards".equals(v.unit());
    long scale = shards ? SHARD_SCALE : 1;
    String name = v.stage() + (v.task().isEmpty() ? "" : "  " + v.task());
    if (bar == null || !name.equals(bar.getTaskName())) {
      closeBar();
      bar =
          new ProgressBarBuilder()
              .setTaskName(name)
              .setInitialMax(v.max() > 0 ? v.max() * scale : -1)
              .setUnit(v.unit().isEmpty() ? "" : " " + v.unit(), scale)
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(
                  width > 0
                      ? new ConsoleProgressBarConsumer(out, width)
                      : new ConsoleProgressBarConsumer(out))
              .setUpdateIntervalMillis(500)
              .setEtaFunction(
                  state ->
                      eta >= 0
                          ? Optional.of(Duration.ofSeconds(Math.round(eta)))
                          : Optional.empty())
              .build();
    }
    if (v.max() > 0) {
      bar.maxHint(v.max() * scale);
    }
    bar.stepTo(Math.round(v.done() * scale));
    bar.setExtraMessage(
        String.join(" · ", v.parts().stream().filter(p -> !p.startsWith("ETA")).toList()));
  }

  /** Prints a line for every stage in {@code spans} that has ended and has not had its line yet. */
  void finished(List<StageSpan> spans, int iterations) {
    for (StageSpan sp : spans) {
      if (sp.endedMillis() == 0
          || !ended.add(sp.iteration() + "/" + sp.stage() + "@" + sp.startedMillis())) {
        continue;
      }
      String label =
          String.format(
              Locale.ROOT, "[iteration %d/%d] %s", sp.iteration(), iterations, sp.stage());
      if (label.equals(stage)) {
        closeBar();
        stage = null;
      }
      String took = StageView.clock((sp.endedMillis() - sp.startedMillis()) / 1e3);
      out.println(label + ("paused".equals(sp.stage()) ? "  resumed after " : "  done in ") + took);
    }
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  /** Ends the stage on screen (the run finished, or the command stops watching). */
  @Override
  public void close() {
    closeBar();
    stage = null;
    out.flush();
  }
}

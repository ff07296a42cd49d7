package dev.looptool.core.validate;

import dev.looptool.core.concurrent.DaemonThreads;
import dev.looptool.core.io.JsonlReader;
import dev.looptool.core.io.LineError;
import dev.looptool.core.io.SampleReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Validates a whole sample file: every line is decoded and checked ({@link SampleValidator}), ids
 * must be unique, and every problem is reported as {@code FILE:LINE: field: message} in line order.
 * Lines are split on the calling thread and decoded in batches on worker threads, so memory stays
 * bounded by a small window of batches whatever the file size.
 */
public final class FileValidation {
  private static final int BATCH = 256;

  private FileValidation() {}

  /** What a validation run counted. */
  public record Counts(long lines, long samples, long validSamples, long problems, long bytes) {
    public boolean clean() {
      return problems == 0;
    }
  }

  private record Checked(long line, String id, List<LineError> errors) {}

  public static Counts validate(Path file, int threads, Consumer<LineError> onProblem)
      throws IOException {
    String name = file.toString();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, threads), DaemonThreads.named("validate"));
    ArrayDeque<Future<List<Checked>>> window = new ArrayDeque<>();
    int maxInFlight = Math.max(2, threads * 3);
    Map<String, Long> firstLineOfId = new HashMap<>();
    long[] c = new long[5]; // lines, samples, valid, problems, bytes
    try (JsonlReader reader = JsonlReader.rawLines(file)) {
      List<JsonlReader.Line> batch = new ArrayList<>(BATCH);
      while (reader.hasNext()) {
        JsonlReader.Line l = reader.next();
        c[4] += l.length() + 1;
        batch.add(l);
        if (batch.size() == BATCH) {
          window.add(pool.submit(checkBatch(name, batch)));
          batch = new ArrayList<>(BATCH);
          while (window.size() >= maxInFlight) {
            drain(name, window.poll(), firstLineOfId, c, onProblem);
          }
        }
      }
      if (!batch.isEmpty()) {
        window.add(pool.submit(checkBatch(name, batch)));
      }
      while (!window.isEmpty()) {
        drain(name, window.poll(), firstLineOfId, c, onProblem);
      }
    } finally {
      pool.shutdownNow();
    }
    return new Counts(c[0], c[1], c[2], c[3], c[4]);
  }

  private static java.util.concurrent.Callable<List<Checked>> checkBatch(
      String name, List<JsonlReader.Line> batch) {
    return () -> {
      List<Checked> out = new ArrayList<>(batch.size());
      for (JsonlReader.Line raw : batch) {
        SampleReader.Entry e = SampleReader.decode(name, raw);
        if (!e.ok()) {
          out.add(new Checked(raw.number(), null, List.of(e.error())));
          continue;
        }
        List<SampleValidator.Problem> ps = SampleValidator.validate(e.sample());
        List<LineError> errs = new ArrayList<>(ps.size());
        for (SampleValidator.Problem p : ps) {
          errs.add(new LineError(name, raw.number(), p.field(), p.message()));
        }
        out.add(new Checked(raw.number(), e.sample().id(), errs));
      }
      return out;
    };
  }

  private static void drain(
      String name,
      Future<List<Checked>> f,
      Map<String, Long> ids,
      long[] c,
      Consumer<LineError> onProblem)
      throws IOException {
    List<Checked> checked;
    try {
      checked = f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("validation interrupted", e);
    } catch (ExecutionException e) {
      throw new IOException("validation failed", e.getCause());
    }
    for (Checked ch : checked) {
      c[0]++;
      List<LineError> errs = ch.errors();
      if (ch.id() != null) {
        c[1]++;
        Long first = ids.putIfAbsent(ch.id(), ch.line());
        if (first != null) {
          errs = new ArrayList<>(errs);
          errs.add(
              0,
              new LineError(
                  name,
                  ch.line(),
                  "id",
                  "duplicate id '" + ch.id() + "' (first on line " + first + ")"));
        }
        if (errs.isEmpty()) {
          c[2]++;
        }
      }
      for (LineError e : errs) {
        c[3]++;
        onProblem.accept(e);
      }
    }
  }
}

package dev.looptool.policy.serve;

import dev.looptool.core.model.Label;
import dev.looptool.core.model.Message;
import dev.looptool.core.model.Sample;
import dev.looptool.core.model.ToolSpec;
import dev.looptool.policy.PolicyModel;
import dev.looptool.policy.model.Generator;
import dev.looptool.policy.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Owns the model on one thread (a {@link PolicyModel} is not thread-safe) and decodes requests in
 * batches: whatever arrived while the previous batch was decoding, up to {@code maxBatch}, is
 * decoded together, as probing batches a shard. A request that fails alone fails alone: when a
 * batch fails, its requests are decoded one by one so each gets its own result or error.
 */
final class Dispatcher implements AutoCloseable {
  private static final Job STOP = new Job(null, null, 0L, null);

  private record Job(
      Sample sample, Decoding decoding, long seed, CompletableFuture<Generation> result) {}

  private final PolicyModel model;
  private final int maxBatch;
  private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong largestBatch = new AtomicLong();
  private volatile boolean closed;
  // Tests hold decoding until requests have queued, so the batches they meet are known.
  private final Object gate = new Object();
  private boolean held;
  private int pending;

  Dispatcher(PolicyModel model, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("max batch must be at least 1, got " + maxBatch);
    }
    this.model = model;
    this.maxBatch = maxBatch;
    this.thread = new Thread(this::loop, "looptool-serve-decoder");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues one request; the future fails with {@link IllegalStateException} once closed. */
  CompletableFuture<Generation> submit(
      List<ToolSpec> tools, List<Message> messages, Decoding decoding) {
    CompletableFuture<Generation> f = new CompletableFuture<>();
    long n = ids.incrementAndGet();
    // Only the model reads the sample; the label is never looked at.
    Sample s = new Sample("request-" + n, tools, messages, Label.ofText(""), null, null);
    // A request without a seed still gets its own stream, independent of its batch-mates.
    long seed =
        decoding.seed() != null ? decoding.seed() : System.nanoTime() ^ (n * 0x9E3779B97F4A7C15L);
    if (closed) {
      f.completeExceptionally(new IllegalStateException("the server is shutting down"));
      return f;
    }
    queue.add(new Job(s, decoding, seed, f));
    synchronized (gate) {
      pending++;
      gate.notifyAll();
    }
    if (closed) {
      drainFailed();
    }
    return f;
  }

  /** Decodes nothing until {@link #release}; for tests. */
  void hold() {
    synchronized (gate) {
      held = true;
    }
  }

  void release() {
    synchronized (gate) {
      held = false;
      gate.notifyAll();
    }
  }

  /** Waits until {@code n} requests wait to be decoded (while held). */
  void awaitQueued(int n) throws InterruptedException {
    synchronized (gate) {
      while (pending < n) {
        gate.wait();
      }
    }
  }

  /** How many batches were decoded and the largest one. */
  long batches() {
    return batches.get();
  }

  long largestBatch() {
    return largestBatch.get();
  }

  private void loop() {
    List<Job> batch = new ArrayList<>(maxBatch);
    while (true) {
      Job first;
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        break;
      }
      if (first == STOP) {
        break;
      }
      try {
        synchronized (gate) {
          while (held) {
            gate.wait();
          }
        }
      } catch (InterruptedException e) {
        queue.add(first);
        break;
      }
      batch.clear();
      batch.add(first);
      queue.drainTo(batch, maxBatch - 1);
      boolean stop = batch.remove(STOP);
      synchronized (gate) {
        pending -= batch.size();
      }
      decode(batch);
      if (stop) {
        break;
      }
    }
    drainFailed();
  }

  private void drainFailed() {
    List<Job> left = new ArrayList<>();
    queue.drainTo(left);
    for (Job j : left) {
      if (j == STOP) {
        // A late submit may drain the stop meant for the decoding thread: put it back.
        queue.add(STOP);
      } else {
        j.result().completeExceptionally(new IllegalStateException("the server is shutting down"));
      }
    }
  }

  private void decode(List<Job> batch) {
    List<Job> ready = new ArrayList<>(batch.size());
    List<int[]> prompts = new ArrayList<>(batch.size());
    for (Job j : batch) {
      try {
        prompts.add(model.promptIds(j.sample()));
        ready.add(j);
      } catch (RuntimeException e) {
        j.result().completeExceptionally(e);
      }
    }
    if (ready.isEmpty()) {
      return;
    }
    batches.incrementAndGet();
    largestBatch.accumulateAndGet(ready.size(), Math::max);
    try {
      run(ready, prompts);
    } catch (RuntimeException e) {
      if (ready.size() == 1) {
        ready.get(0).result().completeExceptionally(e);
        return;
      }
      for (int i = 0; i < ready.size(); i++) {
        try {
          run(List.of(ready.get(i)), List.of(prompts.get(i)));
        } catch (RuntimeException alone) {
          ready.get(i).result().completeExceptionally(alone);
        }
      }
    }
  }

  private void run(List<Job> jobs, List<int[]> prompts) {
    int n = jobs.size();
    int maxSeq = model.decoder().config().maxSeq();
    int[][] ids = new int[n][];
    int[] budgets = new int[n];
    Recorder[] recorders = new Recorder[n];
    for (int i = 0; i < n; i++) {
      Decoding d = jobs.get(i).decoding();
      ids[i] = prompts.get(i);
      int want = d.maxTokens() == null ? model.maxAnswer() : d.maxTokens();
      budgets[i] = Math.max(1, Math.min(want, maxSeq - ids[i].length));
      recorders[i] =
          new Recorder(d.chooser(jobs.get(i).seed()), d.topK(), model.tokenizer(), budgets[i]);
    }
    Generator.Completion[] comps = model.generate(ids, budgets, recorders);
    for (int i = 0; i < n; i++) {
      Generation g;
      try {
        g = generation(comps[i], jobs.get(i).decoding(), recorders[i], ids[i].length);
      } catch (RuntimeException e) {
        jobs.get(i).result().completeExceptionally(e);
        continue;
      }
      jobs.get(i).result().complete(g);
    }
  }

  private Generation generation(Generator.Completion c, Decoding d, Recorder rec, int promptLen) {
    Tokenizer tok = model.tokenizer();
    int[] toks = c.tokens();
    int textLen = c.finished() ? toks.length - 1 : toks.length;
    // Offsets of each token's text in the answer (a token may hold part of a UTF-8 character).
    int[] offsets = new int[toks.length + 1];
    for (int k = 1; k <= toks.length; k++) {
      offsets[k] = tok.decode(toks, 0, Math.min(k, textLen)).length();
    }
    String text = tok.decode(toks, 0, textLen);
    int keep = toks.length;
    String reason = c.finished() ? "stop" : "length";
    int cut = -1;
    String hit = null;
    for (String s : d.stop()) {
      int at = s.isEmpty() ? -1 : text.indexOf(s);
      if (at >= 0 && (cut < 0 || at < cut)) {
        cut = at;
        hit = s;
      }
    }
    if (cut >= 0) {
      // As vLLM does: the text ends before the stop string; the tokens end with the one that
      // completed it.
      int end = cut + hit.length();
      keep = 1;
      while (keep < toks.length && offsets[keep] < end) {
        keep++;
      }
      text = text.substring(0, cut);
      reason = "stop";
    }
    List<Generation.Token> tokens = new ArrayList<>(keep);
    for (int k = 0; k < keep; k++) {
      tokens.add(
          new Generation.Token(
              tok.tokenName(toks[k]),
              c.logProbs()[k],
              Math.min(offsets[k], text.length()),
              rec.top(k)));
    }
    return new Generation(text, List.copyOf(tokens), reason, promptLen);
  }

  /**
   * Wraps a row's chooser to keep, when asked, the most likely tokens (at temperature 1) at each
   * step.
   */
  private static final class Recorder implements Generator.TokenChooser {
    private final Generator.TokenChooser inner;
    private final int k;
    private final Tokenizer tokenizer;
    private final List<List<Generation.Alternative>> steps;

    Recorder(Generator.TokenChooser inner, int k, Tokenizer tokenizer, int budget) {
      this.inner = inner;
      this.k = k;
      this.tokenizer = tokenizer;
      this.steps = new ArrayList<>(k > 0 ? budget : 0);
    }

    @Override
    public int choose(float[] logits, int off, int vocab) {
      if (k > 0) {
        steps.add(top(logits, off, vocab));
      }
      return inner.choose(logits, off, vocab);
    }

    @Override
    public double logProb(float[] logits, int off, int vocab, int token) {
      return inner.logProb(logits, off, vocab, token);
    }

    List<Generation.Alternative> top(int step) {
      return step < steps.size() ? steps.get(step) : List.of();
    }

    private List<Generation.Alternative> top(float[] logits, int off, int vocab) {
      int n = Math.min(k, vocab);
      int[] best = new int[n];
      int have = 0;
      for (int i = 0; i < vocab; i++) {
        // Insertion into a short sorted list: k is small (OpenAI allows at most 20).
        int pos = have;
        while (pos > 0 && logits[off + i] > logits[off + best[pos - 1]]) {
          pos--;
        }
        if (pos < n) {
          int last = Math.min(have, n - 1);
          System.arraycopy(best, pos, best, pos + 1, last - pos);
          best[pos] = i;
          have = Math.min(have + 1, n);
        }
      }
      List<Generation.Alternative> out = new ArrayList<>(have);
      for (int j = 0; j < have; j++) {
        out.add(
            new Generation.Alternative(
                tokenizer.tokenName(best[j]),
                Generator.GREEDY.logProb(logits, off, vocab, best[j])));
      }
      return List.copyOf(out);
    }
  }

  /** Stops taking requests, finishes the batch being decoded and fails those still queued. */
  @Override
  public void close() {
    closed = true;
    release();
    queue.add(STOP);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drainFailed();
  }
}

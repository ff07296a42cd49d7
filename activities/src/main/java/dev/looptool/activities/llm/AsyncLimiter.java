package dev.looptool.activities.llm;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Bounds the requests in flight to one endpoint without blocking a thread per waiting request:
 * tasks beyond the limit queue up and start, in order, as permits come back.
 */
final class AsyncLimiter {
  private final int permits;
  private final Executor dispatcher;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int used;

  /**
   * Set while this thread runs a task handed over by {@link #release}: nested hand-overs go async.
   */
  private static final ThreadLocal<Boolean> HANDING_OVER = ThreadLocal.withInitial(() -> false);

  AsyncLimiter(int permits, Executor dispatcher) {
    this.permits = permits;
    this.dispatcher = dispatcher;
  }

  /** Runs the task now if a permit is free, else when one is released; the task owns the permit. */
  void acquire(Runnable task) {
    synchronized (this) {
      if (used >= permits) {
        waiting.add(task);
        return;
      }
      used++;
    }
    task.run();
  }

  /** Returns a permit, handing it straight to the next waiting task if there is one. */
  void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        used--;
        return;
      }
    }
    if (HANDING_OVER.get()) {
      // A task that failed at once released its permit inside a hand-over: go through the
      // dispatcher so a burst of instant failures cannot grow the stack.
      dispatcher.execute(next);
      return;
    }
    // Inline otherwise: starting a request is cheap and non-blocking, and a thread hop per request
    // costs measurable throughput on a busy machine.
    HANDING_OVER.set(true);
    try {
      next.run();
    } finally {
      HANDING_OVER.set(false);
    }
  }

  /** Requests in flight plus those waiting, for picking the least-loaded endpoint. */
  synchronized int load() {
    return used + waiting.size();
  }

  synchronized int inFlight() {
    return used;
  }
}

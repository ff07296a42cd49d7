package dev.looptool.cli;

import java.util.concurrent.CompletionException;

/** The errors that the commands' request futures complete with. */
final class AsyncFailures {
  private AsyncFailures() {}

  /** The failure itself: a future's {@link CompletionException} only wraps it. */
  static Throwable cause(Throwable err) {
    return err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
  }
}

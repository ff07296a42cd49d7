package dev.looptool.activities.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Future combinators whose cancellation reaches the futures they were made from: a stage that gives
 * up on a judgement cancels its requests, and the client drops those not yet sent ({@link
 * CompletableFuture#thenApply} alone never tells the source).
 */
final class Futures {
  private Futures() {}

  /** {@code source.thenApply(f)}; cancelling the result cancels {@code source}. */
  static <A, B> CompletableFuture<B> map(CompletableFuture<A> source, Function<A, B> f) {
    return linked(source.thenApply(f), List.of(source));
  }

  /** {@code source.thenCompose(f)}; cancelling the result cancels {@code source}. */
  static <A, B> CompletableFuture<B> compose(
      CompletableFuture<A> source, Function<A, CompletableFuture<B>> f) {
    return linked(source.thenCompose(f), List.of(source));
  }

  /**
   * Every value, in order, once all are done; the first failure fails it. Cancelling it cancels
   * them all.
   */
  static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
    CompletableFuture<List<T>> out =
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
            .thenApply(
                x -> {
                  List<T> values = new ArrayList<>(futures.size());
                  futures.forEach(f -> values.add(f.join()));
                  return values;
                });
    return linked(out, futures);
  }

  private static <T> CompletableFuture<T> linked(
      CompletableFuture<T> out, List<? extends CompletableFuture<?>> sources) {
    out.whenComplete(
        (v, e) -> {
          if (out.isCancelled()) {
            sources.forEach(s -> s.cancel(false));
          }
        });
    return out;
  }
}

package io.procpool.pool;

import io.procpool.fn.Invocation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Typed calls on any pool: a thin layer over named tasks. The function travels as the task
 * name ({@code invoke:{...}}), each call's arguments as JSON text, the result back as JSON text
 * read as the declared type. Every mode goes through the same encoding, so every mode gives
 * the same values or the same error.
 */
final class TypedCalls {
  private TypedCalls() {}

  /** Names the function, checking that the pool's workers can load it. */
  static Invocation invocation(TaskPool pool, Serializable function, int arity) {
    Invocation invocation = Invocation.of(function, arity);
    pool.workerClassPath().ifPresent(classPath ->
        WorkerClasses.check(classPath, invocation.className(), function.getClass()));
    return invocation;
  }

  static <R> CompletableFuture<R> submit(TaskPool pool, Serializable function, Object... arguments) {
    Invocation invocation = invocation(pool, function, arguments.length);
    String encoded = invocation.arguments(arguments);
    return result(invocation, pool.execute(invocation.task(), encoded));
  }

  /** Encodes every call before sending any, so a bad argument fails the map before work starts. */
  static <R> Stream<R> map(TaskPool pool, Serializable function, List<Object[]> calls, int chunksize) {
    if (chunksize < 1) {
      throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
    }
    int arity = calls.isEmpty() ? -1 : calls.get(0).length;
    Invocation invocation = arity < 0 ? null : invocation(pool, function, arity);
    List<String> encoded = new ArrayList<>(calls.size());
    for (Object[] call : calls) {
      encoded.add(invocation.arguments(call));
    }
    if (encoded.isEmpty()) {
      return Stream.empty();
    }
    List<CompletableFuture<Execution>> futures = pool.executeAll(invocation.task(), encoded, chunksize);
    return futures.stream().map(future -> TaskPool.await(TypedCalls.<R>result(invocation, future)));
  }

  /** One call per element, or per pair of elements for two sequences (the shorter one decides). */
  static List<Object[]> zip(Collection<?> firsts, Collection<?> seconds) {
    List<Object[]> calls = new ArrayList<>();
    Iterator<?> first = firsts.iterator();
    Iterator<?> second = seconds == null ? null : seconds.iterator();
    while (first.hasNext() && (second == null || second.hasNext())) {
      calls.add(second == null ? new Object[] {first.next()} : new Object[] {first.next(), second.next()});
    }
    return calls;
  }

  @SuppressWarnings("unchecked")
  private static <R> CompletableFuture<R> result(Invocation invocation, CompletableFuture<Execution> execution) {
    return execution.thenCompose(done -> {
      if (done.failed()) {
        return CompletableFuture.failedFuture(RemoteExceptions.rebuild(done.failure()));
      }
      try {
        return CompletableFuture.completedFuture((R) invocation.result(done.value()));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    });
  }
}

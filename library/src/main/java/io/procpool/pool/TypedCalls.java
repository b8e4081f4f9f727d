package io.procpool.pool;

import io.procpool.fn.Fn0;
import io.procpool.fn.Fn1;
import io.procpool.fn.Fn2;
import io.procpool.fn.Invocation;
import io.procpool.task.Task;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Typed calls on any pool: a thin layer over named tasks. In process modes the function travels
 * as the task name ({@code invoke:KIND class::method(descriptor)}), each call's arguments as JSON
 * text, the result back as JSON text read as the declared type; a {@code map} chunk as one
 * {@code invoke-each} task. Pools in this JVM call the function directly on the
 * caller's objects, but check the same rule first: the function, its captured values and the
 * arguments are encoded as for a worker (and the text dropped), the result too, so a call that
 * cannot travel fails the same way in every mode.
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
    if (pool instanceof LocalPool local) {
      return result(invocation, /* direct= */ true,
          local.executeChunk(new DirectCall(invocation, function), Collections.singletonList(arguments)).get(0));
    }
    return result(invocation, /* direct= */ false, pool.execute(invocation.task(), encoded));
  }

  /** Encodes every call before sending any, so a bad argument fails the map before work starts. */
  static <R> Stream<R> map(TaskPool pool, Serializable function, List<Object[]> calls, int chunksize) {
    if (chunksize < 1) {
      throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
    }
    if (calls.isEmpty()) {
      return Stream.empty();
    }
    Invocation invocation = invocation(pool, function, calls.get(0).length);
    if (pool instanceof LocalPool local) {
      for (Object[] call : calls) {
        invocation.arguments(call); // the same check as for a worker, the text dropped
      }
      DirectCall call = new DirectCall(invocation, function);
      List<CompletableFuture<Execution>> futures = new ArrayList<>(calls.size());
      for (int from = 0; from < calls.size(); from += chunksize) {
        futures.addAll(local.executeChunk(call, calls.subList(from, Math.min(calls.size(), from + chunksize))));
      }
      return futures.stream().map(future -> TypedCalls.<R>awaitResult(invocation, /* direct= */ true, future));
    }
    if (chunksize == 1) {
      List<String> encoded = new ArrayList<>(calls.size());
      for (Object[] call : calls) {
        encoded.add(invocation.arguments(call));
      }
      return pool.executeAll(invocation.task(), encoded, 1).stream()
          .map(future -> TypedCalls.<R>awaitResult(invocation, /* direct= */ false, future));
    }
    // A chunk is one task and one answer, not one per call: the per-call cost is then the call's.
    List<String> chunks = new ArrayList<>(calls.size() / chunksize + 1);
    for (int from = 0; from < calls.size(); from += chunksize) {
      int to = Math.min(calls.size(), from + chunksize);
      StringBuilder chunk = new StringBuilder(12 * (to - from) + 2).append('[');
      for (int i = from; i < to; i++) {
        if (i > from) {
          chunk.append(',');
        }
        invocation.appendArguments(chunk, calls.get(i));
      }
      chunks.add(chunk.append(']').toString());
    }
    Iterator<CompletableFuture<Execution>> futures = pool.executeAll(invocation.eachTask(), chunks, 1).iterator();
    Iterator<R> values = new Iterator<>() {
      private Invocation.ChunkResults chunk;
      private int next;

      @Override
      public boolean hasNext() {
        return chunk != null && next < chunk.size() || futures.hasNext();
      }

      @Override
      public R next() {
        if (chunk == null || next == chunk.size()) {
          chunk = awaitChunk(invocation, futures.next());
          next = 0;
        }
        return TypedCalls.<R>valueAt(chunk, next++);
      }
    };
    // Not a flatMap: it would read a whole chunk through, and throw at a failed call before
    // handing out the calls before it.
    return StreamSupport.stream(Spliterators.spliterator(values, calls.size(), Spliterator.ORDERED), false);
  }

  private static Invocation.ChunkResults awaitChunk(Invocation invocation, CompletableFuture<Execution> execution) {
    Execution done = TaskPool.await(execution);
    if (done.failed()) {
      throw unchecked(RemoteExceptions.rebuild(done.failure()));
    }
    return invocation.results(done.value());
  }

  /** The call's value, or the exception it failed with thrown as its own type. */
  @SuppressWarnings("unchecked")
  private static <R> R valueAt(Invocation.ChunkResults chunk, int index) {
    if (chunk.error(index) != null) {
      throw unchecked(RemoteExceptions.rebuild(TaskFailure.of(chunk.error(index))));
    }
    return (R) chunk.value(index);
  }

  private static RuntimeException unchecked(Throwable rebuilt) {
    return rebuilt instanceof RuntimeException runtime ? runtime : new CompletionException(rebuilt);
  }

  /**
   * One call per element, or per pair of elements for two sequences (the shorter one decides).
   * The elements are taken now (a later change to the caller's collections changes nothing); each
   * call's array is made when it is read, not a million of them up front.
   */
  static List<Object[]> zip(Collection<?> firsts, Collection<?> seconds) {
    Object[] xs = firsts.toArray();
    Object[] ys = seconds == null ? null : seconds.toArray();
    int size = ys == null ? xs.length : Math.min(xs.length, ys.length);
    return new AbstractList<>() {
      @Override
      public Object[] get(int index) {
        Objects.checkIndex(index, size);
        return ys == null ? new Object[] {xs[index]} : new Object[] {xs[index], ys[index]};
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** The function called on the caller's own objects; its result checked as a worker would encode it. */
  private record DirectCall(Invocation invocation, Serializable function) implements Task {
    @Override
    public String name() {
      return invocation.task();
    }

    @Override
    public String description() {
      return "calls " + invocation.displayName() + " directly";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object run(Object argument) throws Exception {
      Object[] arguments = (Object[]) argument;
      Object value;
      if (function instanceof Fn1<?, ?> one) {
        value = ((Fn1<Object, ?>) one).apply(arguments[0]);
      } else if (function instanceof Fn2<?, ?, ?> two) {
        value = ((Fn2<Object, Object, ?>) two).apply(arguments[0], arguments[1]);
      } else {
        value = ((Fn0<?>) function).call();
      }
      invocation.checkResult(value);
      return value;
    }
  }

  /** @param direct the value is the function's own object, not a worker's JSON */
  @SuppressWarnings("unchecked")
  private static <R> CompletableFuture<R> result(Invocation invocation, boolean direct,
      CompletableFuture<Execution> execution) {
    CompletableFuture<R> typed = execution.thenCompose(done -> {
      if (done.failed()) {
        return CompletableFuture.failedFuture(RemoteExceptions.rebuild(done.failure()));
      }
      try {
        return CompletableFuture.completedFuture((R) value(invocation, direct, done));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    });
    // The caller holds only this future: its cancel must reach the pool's, or a call cancelled
    // before it started would still run (and hold a thread or a worker) with its result dropped.
    typed.whenComplete((value, error) -> {
      if (error instanceof CancellationException) {
        execution.cancel(/* mayInterruptIfRunning= */ false);
      }
    });
    return typed;
  }

  /**
   * What {@code await(result(...))} gives, without a second future per call: {@code map} reads
   * a million of them.
   */
  @SuppressWarnings("unchecked")
  private static <R> R awaitResult(Invocation invocation, boolean direct, CompletableFuture<Execution> execution) {
    Execution done = TaskPool.await(execution);
    if (done.failed()) {
      throw unchecked(RemoteExceptions.rebuild(done.failure()));
    }
    return (R) value(invocation, direct, done);
  }

  private static Object value(Invocation invocation, boolean direct, Execution done) {
    return direct ? done.value() : invocation.result(done.value());
  }
}

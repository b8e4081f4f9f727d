package io.procpool.overhead;

import io.procpool.pool.Execution;
import io.procpool.pool.TaskPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Timed batches of tasks: either all submitted at once (the "many in flight" measurement), or
 * with a bounded window of outstanding tasks whose results are dropped as they arrive, as
 * {@code procpool run} does (for payloads, where keeping every result would measure the
 * coordinator's garbage collector instead).
 */
final class Batches {
  /** Tasks run before timing starts, so both sides' JIT compilers have done their work. */
  static final int WARMUP_TASKS = 50_000;

  private Batches() {}

  /** Enough warm-up tasks for small tasks: {@code min(WARMUP_TASKS, 10 x batch)}. */
  static long warmupFor(List<?> arguments) {
    return Math.min(WARMUP_TASKS, 10L * arguments.size());
  }

  /**
   * Warms up with at least {@code warmup} tasks (one batch at least), then times {@code runs} batches.
   *
   * @param window most tasks outstanding at once; {@link Integer#MAX_VALUE} submits all at once
   * @return the median wall time of the timed batches, in microseconds
   */
  static double medianMicros(TaskPool pool, String task, List<?> arguments, int chunksize, int window, long warmup,
      int runs) {
    for (long done = 0; done < Math.max(1, warmup); done += arguments.size()) {
      runOnce(pool, task, arguments, chunksize, window);
    }
    List<Double> micros = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      micros.add(runOnce(pool, task, arguments, chunksize, window) / 1000.0);
    }
    return Samples.median(micros);
  }

  /** One batch, in nanoseconds from the first submission to the last result. */
  static long runOnce(TaskPool pool, String task, List<?> arguments, int chunksize, int window) {
    return window == Integer.MAX_VALUE
        ? allAtOnce(pool, task, arguments, chunksize)
        : windowed(pool, task, arguments, window);
  }

  private static long allAtOnce(TaskPool pool, String task, List<?> arguments, int chunksize) {
    long start = System.nanoTime();
    List<CompletableFuture<Execution>> futures = pool.executeAll(task, arguments, chunksize);
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    long elapsed = System.nanoTime() - start;
    for (CompletableFuture<Execution> future : futures) {
      check(pool, task, future.join());
    }
    return elapsed;
  }

  private static long windowed(TaskPool pool, String task, List<?> arguments, int window) {
    Semaphore room = new Semaphore(window);
    CountDownLatch finished = new CountDownLatch(arguments.size());
    AtomicReference<Execution> failed = new AtomicReference<>();
    long start = System.nanoTime();
    for (Object argument : arguments) {
      room.acquireUninterruptibly();
      pool.execute(task, argument).whenComplete((execution, error) -> {
        if (execution == null || execution.failed()) {
          failed.compareAndSet(null, execution);
        }
        room.release();
        finished.countDown();
      });
    }
    try {
      finished.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring", e);
    }
    long elapsed = System.nanoTime() - start;
    if (failed.get() != null || finished.getCount() > 0) {
      check(pool, task, failed.get());
    }
    return elapsed;
  }

  private static void check(TaskPool pool, String task, Execution execution) {
    if (execution == null || execution.failed()) {
      throw new IllegalStateException(task + " failed in " + pool.mode() + " mode: "
          + (execution == null ? "no result" : execution.failure().message()));
    }
  }

  /** The arguments 0..count-1, boxed once so that boxing is not timed. */
  static List<Object> numbers(int count) {
    List<Object> numbers = new ArrayList<>(count);
    for (long i = 0; i < count; i++) {
      numbers.add(i);
    }
    return numbers;
  }
}

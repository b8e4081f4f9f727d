package io.procpool.overhead;

import io.procpool.pool.Execution;
import io.procpool.pool.TaskPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Submits a whole batch at once and waits for all of it: the "many in flight" measurement. */
final class Batches {
  private Batches() {}

  /**
   * Runs the batch once to warm up, then {@code runs} more times.
   *
   * @return the median wall time of the timed runs, in microseconds
   */
  static double medianMicros(TaskPool pool, String task, List<?> arguments, int chunksize, int runs) {
    runOnce(pool, task, arguments, chunksize);
    List<Double> micros = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      micros.add(runOnce(pool, task, arguments, chunksize) / 1000.0);
    }
    return Samples.median(micros);
  }

  /** One batch, in nanoseconds from the first submission to the last result. */
  static long runOnce(TaskPool pool, String task, List<?> arguments, int chunksize) {
    long start = System.nanoTime();
    List<CompletableFuture<Execution>> futures = pool.executeAll(task, arguments, chunksize);
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    long elapsed = System.nanoTime() - start;
    for (CompletableFuture<Execution> future : futures) {
      Execution execution = future.join();
      if (execution.failed()) {
        throw new IllegalStateException(task + " failed in " + pool.mode() + " mode: "
            + execution.failure().message());
      }
    }
    return elapsed;
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

package io.procpool.experiments;

import io.procpool.pool.Execution;
import io.procpool.pool.TaskPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/** The loads the experiments put on a pool: a noop list, one round trip, windowed echoes. */
final class Loads {
  static final String ONE_MIB = "x".repeat(1 << 20);

  private Loads() {}

  static List<Object> noopArguments(int count) {
    List<Object> arguments = new ArrayList<>(count);
    for (long i = 0; i < count; i++) {
      arguments.add(i);
    }
    return arguments;
  }

  /** Runs the noop list and waits for all of it; returns the wall nanoseconds. */
  static long noopList(TaskPool pool, List<Object> arguments, int chunksize) {
    long start = System.nanoTime();
    List<CompletableFuture<Execution>> futures = pool.executeAll("noop", arguments, chunksize);
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    return System.nanoTime() - start;
  }

  /** One noop with nothing else in flight; returns the wall nanoseconds. */
  static long roundTrip(TaskPool pool, long argument) {
    long start = System.nanoTime();
    pool.execute("noop", argument).join();
    return System.nanoTime() - start;
  }

  /** {@code count} echoes of 1 MiB with at most {@code window} outstanding; returns the wall nanoseconds. */
  static long echoes(TaskPool pool, int count, int window) throws InterruptedException {
    return echoes(pool, ONE_MIB, count, window);
  }

  /** {@code count} echoes of {@code value} with at most {@code window} outstanding; returns the wall nanoseconds. */
  static long echoes(TaskPool pool, String value, int count, int window) throws InterruptedException {
    Semaphore outstanding = new Semaphore(window);
    CountDownLatch done = new CountDownLatch(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      outstanding.acquire();
      pool.execute("echo", value).whenComplete((execution, failure) -> {
        outstanding.release();
        done.countDown();
      });
    }
    done.await();
    return System.nanoTime() - start;
  }
}

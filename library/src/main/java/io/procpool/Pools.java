package io.procpool;

import io.procpool.pool.ProcessPoolOptions;
import io.procpool.pool.TaskPool;
import io.procpool.process.ProcessPool;
import io.procpool.task.TaskRegistry;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Where pools come from: one line to pick the mode, the same calls on each.
 *
 * <pre>{@code
 * try (TaskPool pool = Pools.processes(4)) {       // or Pools.threads(4), Pools.serial()
 *   long count = pool.submit(Primes::countPrimes, new Range(1, 1_000_000)).get();
 * }
 * }</pre>
 *
 * <p>It depends on the pool and process packages; nothing in procpool depends on it.
 */
public final class Pools {
  private Pools() {}

  /** Runs each call on the calling thread, as it is submitted. */
  public static TaskPool serial() {
    return TaskPool.serial(TaskRegistry.builtIn());
  }

  /** A fixed pool of platform threads in this JVM. */
  public static TaskPool threads(int threads) {
    return TaskPool.threads(TaskRegistry.builtIn(), threads);
  }

  /** Starts {@code workers} worker JVMs, like Python's {@code ProcessPoolExecutor(max_workers)}. */
  public static ProcessPool processes(int workers) {
    return processes(ProcessPoolOptions.builder().workers(workers).build());
  }

  /** Starts worker JVMs with every setting of the options. */
  public static ProcessPool processes(ProcessPoolOptions options) {
    return ProcessPool.start(options);
  }

  /** A fresh worker JVM for every task, at most {@code workers} at once. */
  public static ProcessPool processPerTask(int workers) {
    return processes(ProcessPoolOptions.builder().workers(workers).processPerTask(true).build());
  }

  /** Python's {@code as_completed(futures)}: each future as it finishes, first finished first. */
  public static <T> Iterable<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures) {
    return TaskPool.asCompleted(futures);
  }
}

package io.procpool.pool;

import io.procpool.task.Task;
import io.procpool.task.TaskRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One new virtual thread per chunk, never pooled (the way virtual threads are meant to be
 * used), with a semaphore bounding how many run at once. Virtual threads are cheap to create
 * and to block, but they compute on a few carrier threads, one per core by default: CPU-bound
 * work gets the same parallelism as a platform thread pool, no more.
 */
final class VirtualThreadPool implements LocalPool {
  private final LocalRunner runner;
  private final int concurrency;
  private final Semaphore running;
  private final ExecutorService executor;
  private volatile boolean cancelPending;

  VirtualThreadPool(TaskRegistry registry, int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
    this.runner = new LocalRunner(registry);
    this.concurrency = concurrency;
    this.running = new Semaphore(concurrency, /* fair= */ true);
    this.executor = VirtualThreads.perTaskExecutor("procpool-virtual-");
  }

  @Override
  public Mode mode() {
    return Mode.VIRTUAL_THREAD;
  }

  @Override
  public int workers() {
    return concurrency;
  }

  @Override
  public long startupMillis() {
    return 0;
  }

  @Override
  public List<CompletableFuture<Execution>> executeChunk(String task, List<?> arguments) {
    return executeChunk(runner.task(task), arguments);
  }

  @Override
  public List<CompletableFuture<Execution>> executeChunk(Task resolved, List<?> arguments) {
    List<CompletableFuture<Execution>> futures = Execution.newFutures(arguments.size());
    List<?> copy = new ArrayList<>(arguments);
    try {
      executor.execute(() -> runWhenAllowed(resolved, copy, futures));
    } catch (RejectedExecutionException e) {
      throw new PoolClosedException(mode());
    }
    return futures;
  }

  /** Blocking on the semaphore is cheap here: it parks a virtual thread, not a carrier. */
  private void runWhenAllowed(Task task, List<?> arguments, List<CompletableFuture<Execution>> futures) {
    running.acquireUninterruptibly();
    try {
      if (cancelPending) {
        futures.forEach(future -> future.cancel(/* mayInterruptIfRunning= */ false));
      } else {
        runner.runChunk(task, arguments, futures);
      }
    } finally {
      running.release();
    }
  }

  @Override
  public void stop(Duration grace) {
    shutdown(/* wait= */ false, /* cancelPending= */ true);
    runner.stop(grace);
    executor.shutdownNow();
  }

  @Override
  public void shutdown(boolean wait, boolean cancelPending) {
    if (cancelPending) {
      this.cancelPending = true;
    }
    executor.shutdown();
    if (wait) {
      try {
        executor.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

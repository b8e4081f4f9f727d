package io.procpool.pool;

import io.procpool.task.Task;
import io.procpool.task.TaskRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A fixed pool of platform threads in the coordinator's JVM: Python's ThreadPoolExecutor without a GIL. */
final class ThreadPool implements LocalPool {
  private final LocalRunner runner;
  private final int threads;
  private final Mode mode;
  private final ThreadPoolExecutor executor;

  ThreadPool(TaskRegistry registry, int threads) {
    this(registry, threads, Mode.THREAD, "procpool-thread-", TaskGate.OPEN);
  }

  /**
   * @param mode how the pool runs tasks: thread or gil-thread
   * @param threadPrefix the threads' names, numbered from 1
   * @param gate what each thread passes before a task and leaves after it
   */
  ThreadPool(TaskRegistry registry, int threads, Mode mode, String threadPrefix, TaskGate gate) {
    if (threads < 1) {
      throw new IllegalArgumentException("a thread pool needs at least 1 thread, was " + threads);
    }
    this.runner = new LocalRunner(registry, gate);
    this.threads = threads;
    this.mode = mode;
    AtomicInteger count = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), work -> {
          Thread thread = new Thread(work, threadPrefix + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  @Override
  public Mode mode() {
    return mode;
  }

  @Override
  public int workers() {
    return threads;
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
    try {
      executor.execute(new QueuedWork(resolved, new ArrayList<>(arguments), futures));
    } catch (RejectedExecutionException e) {
      throw new PoolClosedException(mode());
    }
    return futures;
  }

  @Override
  public void shutdown(boolean wait, boolean cancelPending) {
    executor.shutdown();
    if (cancelPending) {
      List<Runnable> queued = new ArrayList<>();
      executor.getQueue().drainTo(queued);
      for (Runnable chunk : queued) {
        ((QueuedWork) chunk).futures.forEach(future -> future.cancel(/* mayInterruptIfRunning= */ false));
      }
    }
    if (wait) {
      try {
        executor.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void stop(Duration grace) {
    shutdown(/* wait= */ false, /* cancelPending= */ true);
    runner.stop(grace);
    executor.shutdownNow(); // interrupts what still runs; its future is already complete
  }

  /** One queued chunk; its futures are kept so that shutdown can cancel them. */
  private final class QueuedWork implements Runnable {
    final Task task;
    final List<?> arguments;
    final List<CompletableFuture<Execution>> futures;

    QueuedWork(Task task, List<?> arguments, List<CompletableFuture<Execution>> futures) {
      this.task = task;
      this.arguments = arguments;
      this.futures = futures;
    }

    @Override
    public void run() {
      runner.runChunk(task, arguments, futures);
    }
  }
}

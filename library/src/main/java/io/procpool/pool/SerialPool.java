package io.procpool.pool;

import io.procpool.task.Task;
import io.procpool.task.TaskRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs each chunk on the submitting thread before {@code executeChunk} returns. */
final class SerialPool implements LocalPool {
  private final LocalRunner runner;
  private volatile boolean shutdown;

  SerialPool(TaskRegistry registry) {
    this.runner = new LocalRunner(registry);
  }

  @Override
  public Mode mode() {
    return Mode.SERIAL;
  }

  @Override
  public int workers() {
    return 1;
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
    if (shutdown) {
      throw new PoolClosedException(mode());
    }
    List<CompletableFuture<Execution>> futures = Execution.newFutures(arguments.size());
    runner.runChunk(resolved, arguments, futures);
    return futures;
  }

  @Override
  public void shutdown(boolean wait, boolean cancelPending) {
    shutdown = true;
  }

  /** The running task runs on the submitting thread: after the grace its future is completed as interrupted. */
  @Override
  public void stop(Duration grace) {
    shutdown = true;
    runner.stop(grace);
  }
}

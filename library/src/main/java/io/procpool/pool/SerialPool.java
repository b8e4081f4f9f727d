package io.procpool.pool;

import io.procpool.task.Task;
import io.procpool.task.TaskRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs each chunk on the submitting thread before {@code executeChunk} returns. */
final class SerialPool implements TaskPool {
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
    if (shutdown) {
      throw new PoolClosedException(mode());
    }
    Task resolved = runner.task(task);
    List<CompletableFuture<Execution>> futures = Execution.newFutures(arguments.size());
    runner.runChunk(resolved, arguments, futures);
    return futures;
  }

  @Override
  public void shutdown(boolean wait, boolean cancelPending) {
    shutdown = true;
  }
}

package io.procpool.process;

import io.procpool.pool.Execution;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One request's worth of work: a task over a list of arguments, and the futures to complete. */
final class Chunk {
  final String task;
  final List<Object> arguments;
  final List<CompletableFuture<Execution>> futures;
  /** True for the pool's per-worker initializer, whose result nobody outside waits for. */
  final boolean initializer;
  /** The id of the request that last carried it; guarded by the pool's lock. */
  long id;
  /** How many times this chunk has been sent; guarded by the pool's lock. */
  int attempts;

  Chunk(String task, List<Object> arguments, List<CompletableFuture<Execution>> futures, boolean initializer) {
    this.task = task;
    this.arguments = arguments;
    this.futures = futures;
    this.initializer = initializer;
  }

  /** True when every future is already done (cancelled while queued): nothing left to send. */
  boolean abandoned() {
    for (CompletableFuture<Execution> future : futures) {
      if (!future.isDone()) {
        return false;
      }
    }
    return true;
  }
}

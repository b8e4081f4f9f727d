package io.procpool.process;

import io.procpool.pool.Execution;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The pool's end of one transport: what a worker's command line must add to reach it, and a
 * {@link Connection} to each worker launched. {@link Endpoints#open} picks the transport; the
 * pool's dispatching and failure logic see only the connections.
 */
interface Endpoint extends AutoCloseable {

  /** Arguments appended to every worker's command, e.g. {@code --connect unix:/tmp/...}; empty for pipes. */
  List<String> workerArguments();

  /**
   * Arguments for one worker about to be launched, after {@link #workerArguments()}: what is its
   * own (a shared-memory file); empty for the transports every worker reaches the same way.
   */
  default List<String> workerArguments(String workerId) throws IOException {
    return List.of();
  }

  /**
   * The connection to a worker just spawned with {@link #workerArguments()}.
   *
   * @param writers runs the connection's {@link Connection#flushSoon} writes
   */
  Connection connect(WorkerProcess process, int maxMessageBytes, Executor writers) throws IOException;

  /**
   * The futures of a chunk's tasks: ones whose waiting caller parks, unless the transport's
   * waits spin ({@code shm} with {@code spin}, {@link SpinningFuture}).
   */
  default List<CompletableFuture<Execution>> newFutures(int count) {
    return Execution.newFutures(count);
  }

  /** Stops accepting workers and removes what the transport left on disk. Idempotent. */
  @Override
  void close();
}

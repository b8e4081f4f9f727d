package io.procpool.process;

import io.procpool.protocol.Clocks;
import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.TaskFailure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The chunks waiting for a worker, oldest first, and what becomes of a dead worker's requests:
 * retried, put back, failed or cancelled, so that every future still completes exactly once.
 * Guarded by the pool's lock.
 */
final class WorkQueue {
  private final Deque<Chunk> chunks = new ArrayDeque<>();
  private final int retries;

  /** @param retries how often a chunk whose worker died while running it is sent again */
  WorkQueue(int retries) {
    this.retries = retries;
  }

  boolean isEmpty() {
    return chunks.isEmpty();
  }

  int size() {
    return chunks.size();
  }

  void add(Chunk chunk) {
    chunks.addLast(chunk);
  }

  /** The oldest chunk still wanted (chunks cancelled while queued are dropped), or null. */
  Chunk next() {
    Chunk chunk = chunks.pollFirst();
    while (chunk != null && chunk.abandoned()) {
      chunk = chunks.pollFirst();
    }
    return chunk;
  }

  void cancelAll(Effects effects) {
    for (Chunk chunk : chunks) {
      chunk.futures.forEach(effects::cancel);
    }
    chunks.clear();
  }

  /** Fails every waiting chunk without running it, for when no worker can be had. */
  void failAll(FailureKind kind, String why, Effects effects) {
    TaskFailure failure = TaskFailure.of(kind, why, "");
    for (Chunk chunk : chunks) {
      for (CompletableFuture<Execution> future : chunk.futures) {
        effects.complete(future, Execution.failedBeforeRunning(failure, chunk.attempts));
      }
    }
    chunks.clear();
  }

  /**
   * Takes back a dead worker's requests. The one it was running counts an attempt and is
   * retried or failed with {@code kind}; the ones queued behind it never started and go back to
   * the front as they were. After the pool was killed nothing is retried: the running one fails,
   * the rest are cancelled.
   */
  void takeBack(Worker worker, FailureKind kind, String why, String detail, Effects effects) {
    List<Chunk> held = new ArrayList<>(worker.inFlight);
    worker.inFlight.clear();
    boolean killed = worker.lifecycle.ending() == Lifecycle.Ending.KILLED;
    for (int i = held.size() - 1; i >= 0; i--) {
      Chunk chunk = held.get(i);
      boolean running = i == 0;
      if (chunk.initializer) {
        continue;
      }
      if (!running && killed) {
        chunk.futures.forEach(effects::cancel);
      } else if (!running) {
        chunk.attempts--; // it was sent but never started
        chunks.addFirst(chunk);
      } else if (!killed && chunk.attempts <= retries) {
        effects.report("[" + worker.id + "] retrying " + chunk.task + " (attempt "
            + (chunk.attempts + 1) + " of " + (retries + 1) + ")");
        chunks.addFirst(chunk);
      } else {
        TaskFailure failure = TaskFailure.of(kind, why, detail);
        for (CompletableFuture<Execution> future : chunk.futures) {
          effects.complete(future, new Execution(null, failure, worker.pid(), "", worker.id, 0, 0,
              Clocks.epochMicros(), chunk.attempts));
        }
      }
    }
  }
}

package io.procpool.run;

import io.procpool.pool.Execution;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One chunk handed to the pool: its first task's index, its futures and, once taken up, its outcome. */
final class SentChunk {
  /** Marks a chunk whose completion numbers are given one by one, as its tasks are found done (a stop's). */
  static final int NUMBERED_ONE_BY_ONE = -1;

  final int first;
  final List<CompletableFuture<Execution>> futures;
  /** Completion numbers of its tasks are base + 1 ... base + size, in task order. */
  int completionBase;
  /** Its outcomes, once taken up under the run's lock; null until then. */
  FinishedChunk finished;

  SentChunk(int first, List<CompletableFuture<Execution>> futures) {
    this.first = first;
    this.futures = futures;
  }
}

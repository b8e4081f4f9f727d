package io.procpool.run;

import io.procpool.pool.Execution;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes up finished chunks: keeps each one's outcomes (no record per task yet) and counts them,
 * how many completed, failed, and on which threads. Not thread-safe: used under the run's lock.
 */
final class Tally {
  private final RunStop stop;
  private final boolean failFast;
  private final Progress progress;
  private final int total;
  /** Completion numbers, shared with the window, which numbers a chunk as it completes. */
  private final AtomicInteger completions;
  private final ThreadsSeen threads = new ThreadsSeen();
  private int completed;
  private int failed;

  Tally(RunStop stop, boolean failFast, Progress progress, int total, AtomicInteger completions) {
    this.stop = stop;
    this.failFast = failFast;
    this.progress = progress;
    this.total = total;
    this.completions = completions;
  }

  /**
   * The chunk's outcomes, counted. A chunk marked {@link SentChunk#NUMBERED_ONE_BY_ONE} may have
   * tasks still open (a stop): those are interrupted, the done ones numbered as found.
   */
  FinishedChunk takeUp(SentChunk chunk) {
    int size = chunk.futures.size();
    Execution[] executions = new Execution[size];
    int[] completionsOneByOne = chunk.completionBase >= 0 ? null : new int[size];
    if (completionsOneByOne == null) {
      for (int i = 0; i < size; i++) {
        executions[i] = countDone(chunk.futures.get(i)); // a call per task: compiled early (see LocalRunner)
      }
    } else {
      Execution interrupted = stop.interrupted("still running");
      for (int i = 0; i < size; i++) {
        CompletableFuture<Execution> future = chunk.futures.get(i);
        Execution execution = future.isDone() ? executionOf(future) : interrupted;
        completionsOneByOne[i] = execution == interrupted ? 0 : completions.incrementAndGet();
        executions[i] = execution;
        count(execution);
      }
    }
    progress.completed(completed + failed, total);
    return completionsOneByOne == null
        ? FinishedChunk.inOrder(chunk.first, executions, chunk.completionBase)
        : FinishedChunk.numbered(chunk.first, executions, completionsOneByOne);
  }

  /** A done task's outcome, counted. */
  private Execution countDone(CompletableFuture<Execution> future) {
    Execution execution = executionOf(future);
    count(execution);
    return execution;
  }

  private void count(Execution execution) {
    if (execution.failed()) {
      failed++;
      if (failFast && !stop.requested()) {
        stop.failFast();
      }
    } else {
      completed++;
    }
    threads.saw(execution);
  }

  /** Counts tasks that failed without an outcome of their own: never sent, or out of reach. */
  void failedUnrun(int tasks) {
    failed += tasks;
  }

  private Execution executionOf(CompletableFuture<Execution> future) {
    return future.isCompletedExceptionally() ? stop.cancelled() : future.join();
  }

  int completed() {
    return completed;
  }

  int failed() {
    return failed;
  }

  ThreadsSeen threads() {
    return threads;
  }
}

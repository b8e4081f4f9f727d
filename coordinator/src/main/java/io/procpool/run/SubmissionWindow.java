package io.procpool.run;

import io.procpool.pool.Execution;
import io.procpool.pool.PoolClosedException;
import io.procpool.pool.TaskPool;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Windowed submission: only a bounded number of chunks are outstanding at once, so a run of a
 * million tasks needs memory for the window, not for the whole list. A chunk is handed back to
 * the run's thread when its last task completes, and leaves the window in task order.
 *
 * <p>Threads: {@link #fill}, {@link #awaitDone} and {@link #untaken} are the run's thread's and
 * take the run's lock themselves, never holding it while the pool runs a chunk; the pool's
 * threads run only {@link #whenAllDone}'s callback, which touches nothing the lock guards and
 * hands the chunk over through {@link DoneChunks}, lock-free; every other method is called with
 * the run's lock held.
 */
final class SubmissionWindow {
  /** About how many tasks may be outstanding: enough to keep any pool busy, little memory. */
  private static final int WINDOW_TASKS = 65_536;

  /** The run's lock: it guards the fields below that the pool's threads never touch. */
  private final ReentrantLock lock;
  private final TaskList workload;
  private final int chunksize;
  private final RunStop stop;
  private final boolean failFast;
  /** Completion numbers: a chunk gets its tasks' as its last one completes. */
  private final AtomicInteger completions;
  /** Chunks whose every task is complete, in completion order. */
  private final DoneChunks<SentChunk> done = new DoneChunks<>();

  private final ArrayDeque<SentChunk> outstanding = new ArrayDeque<>();
  private int nextToSubmit;
  /** Chunks sent and not yet taken up: what the run's thread may wait for. */
  private int untaken;
  /** The chunk being handed to the pool: in serial mode it runs before the pool returns its futures. */
  private int submittingFrom;
  private int submittingTo;
  /** Set once the tasks never sent are cancelled: a chunk the pool returns after that is dropped. */
  private boolean closed;

  SubmissionWindow(ReentrantLock lock, TaskList workload, int chunksize, RunStop stop, boolean failFast,
      AtomicInteger completions) {
    this.lock = lock;
    this.workload = workload;
    this.chunksize = chunksize;
    this.stop = stop;
    this.failFast = failFast;
    this.completions = completions;
  }

  /** How many chunks may be outstanding on a pool of this many workers. */
  static int chunksFor(int workers, int chunksize) {
    return Math.max(4 * workers, Math.min(Math.max(256, workers * 64), (WINDOW_TASKS + chunksize - 1) / chunksize));
  }

  /** Sends chunks until {@code chunks} are outstanding. Outside the lock: a serial pool runs them right here. */
  void fill(TaskPool pool, int chunks) {
    int total = workload.count();
    while (!stop.requested() && nextToSubmit < total && outstandingSize() < chunks) {
      int from = nextToSubmit;
      int to = (int) Math.min(total, (long) from + chunksize);
      List<CompletableFuture<Execution>> futures;
      List<Object> arguments = workload.arguments(from, to);
      lock.lock();
      try {
        submittingFrom = from;
        submittingTo = to;
      } finally {
        lock.unlock();
      }
      try {
        futures = pool.executeChunk(workload.task(), arguments);
      } catch (PoolClosedException stopped) {
        return; // stopped meanwhile: the rest is cancelled
      }
      SentChunk chunk = new SentChunk(from, futures);
      lock.lock();
      try {
        if (closed) {
          return; // finished by finishNow while this chunk ran
        }
        outstanding.addLast(chunk);
        untaken++;
        nextToSubmit = to;
        submittingTo = from;
      } finally {
        lock.unlock();
      }
      whenAllDone(chunk, futures.size() - 1);
    }
  }

  /**
   * Queues the chunk once all its futures are done. Pools complete a chunk's futures in order,
   * so one callback on the last usually suffices; if not, it waits on the first one still open.
   */
  private void whenAllDone(SentChunk chunk, int watched) {
    chunk.futures.get(watched).whenComplete((execution, error) -> {
      for (int i = 0; i < chunk.futures.size(); i++) {
        if (!chunk.futures.get(i).isDone()) {
          whenAllDone(chunk, i);
          return;
        }
      }
      if (failFast && !stop.requested() && anyFailed(chunk)) {
        stop.failFast();
      }
      chunk.completionBase = completions.getAndAdd(chunk.futures.size());
      done.add(chunk);
    });
  }

  private static boolean anyFailed(SentChunk chunk) {
    for (CompletableFuture<Execution> future : chunk.futures) {
      if (future.isCompletedExceptionally() || future.join().failed()) {
        return true;
      }
    }
    return false;
  }

  /** Waits for {@code count} more finished chunks, or fewer once the run is finished by a stop. */
  List<SentChunk> awaitDone(int count) {
    while (true) {
      try {
        return done.await(count);
      } catch (InterruptedException e) {
        if (!stop.requested()) {
          Thread.currentThread().interrupt();
          throw new CancellationException("interrupted while waiting for results");
        }
        // a stopping pool interrupts the thread that ran its tasks: this one, in serial mode
      }
    }
  }

  /** Ends the run's thread's current or next {@link #awaitDone}: the report is made. */
  void wakeUp() {
    done.wakeUp();
  }

  /** Chunks sent and not yet taken up. Takes the lock. */
  int untaken() {
    lock.lock();
    try {
      return untaken;
    } finally {
      lock.unlock();
    }
  }

  private int outstandingSize() {
    lock.lock();
    try {
      return outstanding.size();
    } finally {
      lock.unlock();
    }
  }

  /** Keeps a finished chunk's outcomes, counted by the tally; a chunk already taken up is left. */
  void takeUp(SentChunk chunk, Tally tally) {
    if (chunk.finished != null) {
      return;
    }
    chunk.finished = tally.takeUp(chunk);
    untaken--;
  }

  /** A stop's: takes up every outstanding chunk now, its tasks still open interrupted. */
  void takeUpAllNow(Tally tally) {
    for (SentChunk chunk : outstanding) {
      if (chunk.finished == null) {
        chunk.completionBase = SentChunk.NUMBERED_ONE_BY_ONE; // numbered as found done
        takeUp(chunk, tally); // from its futures: an open one is interrupted
      }
    }
  }

  /** The taken-up chunk at the head of the window, which leaves it; null if the head is still open. */
  FinishedChunk pollFinished() {
    SentChunk head = outstanding.peekFirst();
    if (head == null || head.finished == null) {
      return null;
    }
    outstanding.removeFirst();
    return head.finished;
  }

  /** Whether no chunk is outstanding. */
  boolean isEmpty() {
    return outstanding.isEmpty();
  }

  /**
   * A stop's: a chunk the pool has not returned yet (serial mode, stuck in a long task) is given
   * up, its tasks' futures out of reach, so all of it counts as {@code interrupted}; null if none.
   */
  FinishedChunk giveUpSubmitting(Execution interrupted) {
    if (!outstanding.isEmpty() || submittingTo <= submittingFrom || submittingFrom != nextToSubmit) {
      return null;
    }
    Execution[] executions = new Execution[submittingTo - submittingFrom];
    Arrays.fill(executions, interrupted);
    nextToSubmit = submittingTo;
    return FinishedChunk.numbered(submittingFrom, executions, new int[executions.length]);
  }

  /** Sends nothing more: returns the first task never sent; those from it on are cancelled. */
  int closeUnsent() {
    int from = nextToSubmit;
    nextToSubmit = workload.count();
    closed = true;
    return from;
  }
}

package io.procpool.run;

import io.procpool.pool.Execution;
import io.procpool.pool.FailureKind;
import io.procpool.pool.TaskFailure;
import io.procpool.pool.TaskPool;
import java.time.Duration;

/**
 * Whether and why a run stops early, and what a stop reaches: the pool once it exists, or the
 * thread still starting it. Needs no lock: a signal's thread, the pool's threads (fail-fast) and
 * the run's thread read and set these volatile fields at any time.
 */
final class RunStop {
  private static final String FAIL_FAST = "fail-fast";

  /** Why the run stops early (fail-fast, a signal); null while it goes on. */
  private volatile String reason;
  private volatile TaskPool pool;
  /** The thread starting the pool, until it is started: a stop meanwhile interrupts its launching. */
  private volatile Thread starting;

  boolean requested() {
    return reason != null;
  }

  String reason() {
    return reason;
  }

  /** A stop for this reason; it replaces fail-fast's, so that never-run tasks name the signal. */
  void request(String why) {
    if (reason == null || FAIL_FAST.equals(reason)) {
      reason = why;
    }
  }

  /** A stop for this reason unless one is already requested. */
  void requestUnlessRequested(String why) {
    if (reason == null) {
      reason = why;
    }
  }

  /**
   * Fail-fast stops the pool from the thread that saw the failure, at once: waiting for the run's
   * thread to take the chunk up let a pool of fast tasks send and run them all.
   */
  void failFast() {
    TaskPool current = pool;
    if (current != null) {
      reason = FAIL_FAST;
      current.shutdown(/* wait= */ false, /* cancelPending= */ true);
    }
  }

  /** The run's thread is starting the pool ({@code null} once it is done trying). */
  void starting(Thread thread) {
    starting = thread;
  }

  /** The pool runs the tasks from now on: a stop reaches it. */
  void started(TaskPool created) {
    pool = created;
  }

  /** The pool, once started; null before. */
  TaskPool pool() {
    return pool;
  }

  /**
   * Stops the pool with this grace (returns once it has stopped), or interrupts the thread still
   * starting it, so that a process pool launches no more workers and ends those it launched.
   * Returns whether there was either to stop.
   */
  boolean reach(Duration grace) {
    TaskPool current = pool;
    if (current != null) {
      current.stop(grace);
      return true;
    }
    Thread starter = starting;
    if (starter != null) {
      starter.interrupt();
      return true;
    }
    return false;
  }

  /** The outcome of a task never run. */
  Execution cancelled() {
    String why = reason == null ? "cancelled" : "cancelled before it ran (" + reason + ")";
    return Execution.failedBeforeRunning(TaskFailure.of(FailureKind.CANCELLED, why, ""), 0);
  }

  /** The outcome of a task that never finished, {@code what} saying what was still running. */
  Execution interrupted(String what) {
    return Execution.failedBeforeRunning(TaskFailure.of(FailureKind.INTERRUPTED,
        what + " when the run was stopped (" + reason + ")", ""), 1);
  }
}

package io.procpool.process;

/**
 * Workers that died before doing any work, in a row, and why the last one did. A run of them
 * speaks against the command, so it stops replacements rather than cycling doomed starts.
 * Guarded by the pool's lock.
 */
final class StartFailures {
  /** After this many in a row, no more workers are started and waiting work fails. */
  static final int LIMIT = 3;

  private int inARow;
  private String first = "";
  /** When the worker whose cause is {@link #first} was launched, if known. */
  private long firstLaunchedAt;
  private boolean firstLaunchKnown;

  void failed(String why) {
    if (inARow++ == 0) {
      first = why;
      firstLaunchKnown = false;
    }
  }

  /**
   * @param launchedAt when the failed worker was launched ({@code System.nanoTime}): the cause
   *     named is that of the earliest launched, not of the first whose end was noticed (two
   *     workers killed at one start timeout are reaped in any order)
   */
  void failed(String why, long launchedAt) {
    if (inARow++ == 0 || firstLaunchKnown && launchedAt - firstLaunchedAt < 0) {
      first = why;
      firstLaunchedAt = launchedAt;
      firstLaunchKnown = true;
    }
  }

  /** A worker did work: the command is fine. */
  void succeeded() {
    inARow = 0;
  }

  boolean reached(int limit) {
    return inARow >= limit;
  }

  int inARow() {
    return inARow;
  }

  /** Why the first of this run of failures happened: usually the cause of the others. */
  String first() {
    return first;
  }
}

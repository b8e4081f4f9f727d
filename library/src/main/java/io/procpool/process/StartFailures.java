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
  private String last = "";

  void failed(String why) {
    inARow++;
    last = why;
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

  String last() {
    return last;
  }
}
